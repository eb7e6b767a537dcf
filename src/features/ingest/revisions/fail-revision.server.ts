import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, items, revisionProblems, revisions } from '#db/schema/index.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { revisionFailedEvent } from '#features/webhook-events/event-payloads.ts';
import { recordCatalogEvent } from './record-catalog-event.server.ts';
import { retryWhenBusy, withCatalogWrites } from './catalog-writes.ts';

const failedNow = (revisionId: number) => sql<number>`(SELECT state = 'failed' FROM revisions WHERE id = ${revisionId})`;

/**
 * Ends a `processing` revision as `failed` with a reason the supplier reads. Half-written rows
 * are useless and removed in the same transaction, so nothing half-read remains; the
 * `revision.failed` webhook event is written in it too. Returns false when the revision was no
 * longer processing (nothing changed).
 */
export async function failRevision(db: Db, revisionId: number, reason: string, audit: { subject: string; detail?: Record<string, unknown> }): Promise<boolean> {
  const [catalog] = await db.select({ id: catalogs.id, name: catalogs.name, slug: catalogs.slug, supplierOrgId: catalogs.supplierOrgId })
    .from(revisions).innerJoin(catalogs, eq(catalogs.id, revisions.catalogId)).where(eq(revisions.id, revisionId)).limit(1);
  const at = new Date();
  const changed = await withCatalogWrites(() => retryWhenBusy(() => db.transaction(async (tx) => {
    const updated = await tx.update(revisions).set({ state: 'failed', failureReason: reason, leaseUntil: null }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
    if (updated.rowsAffected === 0) return false;
    // Rows go only when the revision is failed now (a discarded one keeps its report).
    await tx.delete(items).where(and(eq(items.revisionId, revisionId), eq(failedNow(revisionId), 1)));
    await tx.delete(revisionProblems).where(and(eq(revisionProblems.revisionId, revisionId), eq(failedNow(revisionId), 1)));
    if (catalog) await webhookEventInsert(tx, [revisionFailedEvent(catalog, revisionId, reason)], at);
    return true;
  })));
  if (changed) nudgeWebhookSender();
  if (changed) await recordCatalogEvent(db, { kind: 'revision-failed', actor: null, subject: audit.subject, detail: { reason, ...audit.detail } }, { revisionId });
  return changed;
}
