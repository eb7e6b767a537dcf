import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items, revisionProblems, revisions } from '#db/schema/index.ts';
import { recordCatalogEvent } from './record-catalog-event.server.ts';
import { retryWhenBusy, withCatalogWrites } from './catalog-writes.ts';

const failedNow = (revisionId: number) => sql<number>`(SELECT state = 'failed' FROM revisions WHERE id = ${revisionId})`;

/**
 * Ends a `processing` revision as `failed` with a reason the supplier reads. Half-written rows
 * are useless and removed in the same atomic batch, so nothing half-read remains. Returns false
 * when the revision was no longer processing (nothing changed).
 */
export async function failRevision(db: Db, revisionId: number, reason: string, audit: { subject: string; detail?: Record<string, unknown> }): Promise<boolean> {
  const [updated] = await withCatalogWrites(() => retryWhenBusy(() => db.batch([
    db.update(revisions).set({ state: 'failed', failureReason: reason, leaseUntil: null }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing'))),
    // Rows go only when the revision is failed now (a discarded one keeps its report).
    db.delete(items).where(and(eq(items.revisionId, revisionId), eq(failedNow(revisionId), 1))),
    db.delete(revisionProblems).where(and(eq(revisionProblems.revisionId, revisionId), eq(failedNow(revisionId), 1))),
  ])));
  const changed = updated.rowsAffected > 0;
  if (changed) await recordCatalogEvent(db, { kind: 'revision-failed', actor: null, subject: audit.subject, detail: { reason, ...audit.detail } }, { revisionId });
  return changed;
}
