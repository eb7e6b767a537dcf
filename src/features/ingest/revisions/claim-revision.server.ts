import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import { leaseUntil } from './processing-lease.ts';
import { withCatalogWrites } from './catalog-writes.ts';

export interface ClaimedRevision {
  id: number;
  catalogId: number;
  fileName: string;
  uploadPath: string | null;
  sheet: string | null;
  /** Including this one; above 1 means an earlier worker stopped while reading it. */
  processAttempts: number;
}

/**
 * Claims the oldest `processing` revision nobody works on (never claimed, or its worker's claim
 * has lapsed), in one statement so two processes never take the same revision.
 */
export async function claimNextRevision(db: Db, now: Date): Promise<ClaimedRevision | null> {
  const at = now.toISOString();
  const [row] = await withCatalogWrites(() => db.all<{ id: number; catalog_id: number; file_name: string; upload_path: string | null; sheet: string | null; process_attempts: number }>(sql`
    UPDATE revisions SET lease_until = ${leaseUntil(now)}, process_attempts = process_attempts + 1
    WHERE id = (SELECT id FROM revisions WHERE state = 'processing' AND (lease_until IS NULL OR lease_until < ${at}) ORDER BY id LIMIT 1)
      AND state = 'processing' AND (lease_until IS NULL OR lease_until < ${at})
    RETURNING id, catalog_id, file_name, upload_path, sheet, process_attempts`));
  if (!row) return null;
  return { id: row.id, catalogId: row.catalog_id, fileName: row.file_name, uploadPath: row.upload_path, sheet: row.sheet, processAttempts: row.process_attempts };
}

/** Keeps a claim alive while a long step (a big workbook, the diff) runs between progress writes. */
export async function renewLease(db: Db, revisionId: number, now: Date): Promise<void> {
  await withCatalogWrites(() => db.update(revisions).set({ leaseUntil: leaseUntil(now) }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing'))));
}
