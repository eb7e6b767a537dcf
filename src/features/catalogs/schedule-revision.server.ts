import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { checkCanGoLive } from './going-live-checks.ts';
import type { CommandMeta } from './publish-now.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionSubject } from '#features/ingest/revisions/revision-subject.ts';
import { checkScheduleTime } from './schedule-time.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { catalogScheduledEvent } from '#features/webhook-events/event-payloads.ts';

/**
 * Sets the time a checked revision goes live (UTC). Where the supplier's publishing needs
 * approval, only an approved revision is scheduled here; otherwise the time is given with the
 * submission. The scheduler makes it live at that time, even across restarts. The
 * `catalog.scheduled` webhook event is written with the schedule.
 */
export async function scheduleRevision(db: Db, actor: SessionUser, revisionId: number | null, at: Date, choice: { validRowsOnly: boolean }, meta: CommandMeta): Promise<void> {
  const { revision, catalog, supplier } = await revisionForSupplier(db, actor, revisionId);
  checkCanGoLive(revision, choice.validRowsOnly);
  if (supplier.requiresApproval && revision.approval !== 'approved') {
    throw new RevisionProblem(revision.approval === 'pending'
      ? 'This revision is waiting for approval; it goes live when our staff approve it (at its scheduled time, if it has one).'
      : 'Publishing needs approval by our staff: submit this revision for approval, with the time it should go live.');
  }
  checkScheduleTime(at, meta.at);
  const scheduled = await withCatalogWrites(() => db.transaction(async (tx) => {
    const done = await tx.update(revisions).set({ scheduledAt: at.toISOString(), scheduledBy: actor.id, ...(choice.validRowsOnly ? { validRowsOnly: true } : {}) })
      .where(and(eq(revisions.id, revision.id), eq(revisions.state, 'ready')));
    if (done.rowsAffected === 0) return false;
    await webhookEventInsert(tx, [catalogScheduledEvent(catalog, revision.id, at.toISOString())], meta.at);
    return true;
  }));
  if (!scheduled) throw new RevisionProblem('This revision changed meanwhile; reload the page.');
  nudgeWebhookSender();
  await recordCatalogEvent(db, { kind: 'revision-scheduled', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id), detail: { scheduledAt: at.toISOString(), validRowsOnly: choice.validRowsOnly || revision.validRowsOnly } });
}

/** Removes the time a revision was to go live; it stays checked and can be published or scheduled again. */
export async function cancelSchedule(db: Db, actor: SessionUser, revisionId: number | null, meta: CommandMeta): Promise<void> {
  const { revision, catalog } = await revisionForSupplier(db, actor, revisionId);
  if (revision.state !== 'ready' || revision.scheduledAt === null) throw new RevisionProblem('This revision is not scheduled.');
  const done = await withCatalogWrites(() => db.update(revisions).set({ scheduledAt: null, scheduledBy: null })
    .where(and(eq(revisions.id, revision.id), eq(revisions.state, 'ready'), isNotNull(revisions.scheduledAt))));
  if (done.rowsAffected === 0) throw new RevisionProblem('This revision went live or lost its schedule meanwhile; reload the page.');
  await recordCatalogEvent(db, { kind: 'revision-schedule-cancelled', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id), detail: { scheduledAt: revision.scheduledAt } });
}
