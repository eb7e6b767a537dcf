import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { revisions, users } from '#db/schema/index.ts';

export const HISTORY_PAGE_SIZE = 25;

/** A catalog's revisions, newest first, with who uploaded and who published them; one page at a time. */
export async function listCatalogRevisions(db: Db, catalogId: number, page = 1) {
  const uploader = alias(users, 'uploader');
  const publisher = alias(users, 'publisher');
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(revisions).where(eq(revisions.catalogId, catalogId));
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const rows = await db.select({ revision: revisions, uploadedBy: uploader.name, publishedBy: publisher.name }).from(revisions)
    .leftJoin(uploader, eq(uploader.id, revisions.uploadedBy))
    .leftJoin(publisher, eq(publisher.id, revisions.publishedBy))
    .where(eq(revisions.catalogId, catalogId))
    .orderBy(desc(revisions.id)).limit(HISTORY_PAGE_SIZE).offset((current - 1) * HISTORY_PAGE_SIZE);
  return { rows, total, page: current, pageCount };
}
