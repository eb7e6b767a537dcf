import { and, eq, inArray } from 'drizzle-orm';
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

/**
 * Where the operator requires approval for a supplier, "publish" becomes this: the revision
 * waits for sales or an admin, who read its report and diff and approve (it goes live at once,
 * or at the time given here) or reject it with a comment. A rejected revision may be submitted
 * again.
 */
export async function submitForApproval(db: Db, actor: SessionUser, revisionId: number | null, choice: { validRowsOnly: boolean; at: Date | null }, meta: CommandMeta): Promise<void> {
  const { revision, catalog, supplier } = await revisionForSupplier(db, actor, revisionId);
  if (!supplier.requiresApproval) throw new RevisionProblem('Your catalogs need no approval: publish the revision directly.');
  checkCanGoLive(revision, choice.validRowsOnly);
  if (revision.approval === 'pending') throw new RevisionProblem('This revision is already waiting for approval.');
  if (revision.approval === 'approved') throw new RevisionProblem('This revision is already approved: publish or schedule it.');
  if (choice.at) checkScheduleTime(choice.at, meta.at);
  const done = await withCatalogWrites(() => db.update(revisions).set({
    approval: 'pending', approvalComment: null, reviewedBy: null, reviewedAt: null, submittedAt: meta.at.toISOString(), submittedBy: actor.id,
    scheduledAt: choice.at?.toISOString() ?? null, scheduledBy: choice.at ? actor.id : null, ...(choice.validRowsOnly ? { validRowsOnly: true } : {}),
  }).where(and(eq(revisions.id, revision.id), eq(revisions.state, 'ready'), inArray(revisions.approval, ['none', 'rejected']))));
  if (done.rowsAffected === 0) throw new RevisionProblem('This revision changed meanwhile; reload the page.');
  await recordCatalogEvent(db, {
    kind: 'revision-submitted', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id),
    detail: { scheduledAt: choice.at?.toISOString() ?? null, validRowsOnly: choice.validRowsOnly || revision.validRowsOnly },
  }, { revisionId: revision.id });
}
