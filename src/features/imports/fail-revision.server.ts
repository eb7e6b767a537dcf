import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { items, revisionProblems, revisions } from '../../../db/schema/index.ts';
import { recordAuditEvent } from '../audit/record-event.server.ts';

/**
 * Ends a `processing` revision as `failed` with a reason the supplier reads. Half-written rows
 * are useless and removed in the same transaction, so nothing half-read remains. Returns false
 * when the revision was no longer processing (nothing changed).
 */
export async function failRevision(db: Db, revisionId: number, reason: string, audit: { subject: string; detail?: Record<string, unknown> }): Promise<boolean> {
  const changed = await db.transaction(async (tx) => {
    const updated = await tx.update(revisions).set({ state: 'failed', failureReason: reason, leaseUntil: null })
      .where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
    if (updated.rowsAffected === 0) return false;
    await tx.delete(items).where(eq(items.revisionId, revisionId));
    await tx.delete(revisionProblems).where(eq(revisionProblems.revisionId, revisionId));
    return true;
  });
  if (changed) await recordAuditEvent(db, { kind: 'revision-failed', actor: null, subject: audit.subject, detail: { reason, ...audit.detail } });
  return changed;
}
