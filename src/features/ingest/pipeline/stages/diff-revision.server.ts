import { and, eq } from 'drizzle-orm';
import { revisions } from '#db/schema/index.ts';
import { summarizeDiff } from '../../revisions/diff-revisions.server.ts';
import { priceMoveWarnings } from '../../checks/price-move-warnings.server.ts';
import { recordCatalogEvent } from '../../revisions/record-catalog-event.server.ts';
import { RevisionAbandoned } from '../revision-abandoned.ts';
import type { ProcessOutcome, RevisionInProgress, StageDeps } from '../revision-in-progress.ts';
import type { MappedUpload } from './map-columns.server.ts';
import { writeBatch } from './write-batch.server.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { revisionReadyEvent } from '#features/webhook-events/event-payloads.ts';

/**
 * The diff stage: compares the stored items with the live revision (prices that moved far are
 * warnings), and ends the revision `ready` with its report counts and the diff's summary; the
 * `revision.ready` webhook event is written in the same transaction.
 */
export async function diffRevision(deps: StageDeps, run: RevisionInProgress, upload: MappedUpload): Promise<ProcessOutcome> {
  const { db } = deps;
  const { revisionId, catalog, report } = run;
  const base = catalog.liveRevisionId;
  if (base) {
    const moves = await priceMoveWarnings(db, base, revisionId, catalog.currency, upload.columns.price);
    report.warningCount += moves.length;
    await writeBatch(db, revisionId, [], moves, report.rowsRead, deps.now());
  }
  const diff = await summarizeDiff(db, base, revisionId);
  const { itemCount, errorCount, warningCount, rowsRead } = report;
  const at = deps.now();
  await db.transaction(async (tx) => {
    const done = await tx.update(revisions).set({
      state: 'ready', processedAt: at.toISOString(), itemCount, errorCount, warningCount, diffSummary: diff, leaseUntil: null,
    }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
    if (done.rowsAffected === 0) throw new RevisionAbandoned();
    await webhookEventInsert(tx, [revisionReadyEvent(catalog, revisionId, report, diff)], at);
  });
  nudgeWebhookSender();
  await recordCatalogEvent(db, { kind: 'revision-checked', actor: null, subject: run.subject, detail: { itemCount, errorCount, warningCount, rowsRead } }, { revisionId: run.revisionId });
  return { state: 'ready', itemCount, errorCount, warningCount };
}
