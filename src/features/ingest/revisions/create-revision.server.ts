import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';

/** A new revision in `processing`, before its file is read. Buyers never see it until published. */
export async function createRevision(db: Db, input: { catalogId: number; fileName: string; uploadedBy: number | null; uploadPath?: string | null; sheet?: string | null }, now: Date) {
  const [row] = await db.insert(revisions).values({
    // The next number of this catalog, in the same statement: two uploads at once still get two numbers.
    catalogId: input.catalogId, number: sql`(SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE catalog_id = ${input.catalogId})`, state: 'processing', fileName: input.fileName.slice(0, 255), format: 'pending',
    uploadedBy: input.uploadedBy, createdAt: now.toISOString(), uploadPath: input.uploadPath ?? null, sheet: input.sheet ?? null,
  }).returning();
  return row!;
}
