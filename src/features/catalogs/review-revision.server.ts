import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { revisionForReviewer, type RevisionContext } from '#features/ingest/revisions/find-revision.server.ts';
import { goLive, type CommandMeta } from './publish-now.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionSubject } from '#features/ingest/revisions/revision-subject.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { catalogScheduledEvent } from '#features/webhook-events/event-payloads.ts';

export const MAX_COMMENT = 2000;

async function pending(db: Db, reviewer: SessionUser, revisionId: number | null): Promise<RevisionContext> {
  const ctx = await revisionForReviewer(db, reviewer, revisionId);
  if (ctx.revision.state !== 'ready' || ctx.revision.approval !== 'pending') throw new RevisionProblem('This revision is not waiting for approval (any more).');
  return ctx;
}

/**
 * Sales or an admin approve a submitted revision: it goes live now, or at the time the supplier
 * gave (the scheduler makes it live then). Returns when it goes live.
 */
export async function approveRevision(db: Db, reviewer: SessionUser, revisionId: number | null, meta: CommandMeta): Promise<{ liveAt: 'now' | string }> {
  const { revision, catalog } = await pending(db, reviewer, revisionId);
  const later = revision.scheduledAt !== null && revision.scheduledAt > meta.at.toISOString();
  // Approved for a later time, the revision is now scheduled to go live: the webhook event goes with the approval.
  const approved = await withCatalogWrites(() => db.transaction(async (tx) => {
    const done = await tx.update(revisions).set({ approval: 'approved', reviewedBy: reviewer.id, reviewedAt: meta.at.toISOString(), approvalComment: null })
      .where(and(eq(revisions.id, revision.id), eq(revisions.approval, 'pending'), eq(revisions.state, 'ready')));
    if (done.rowsAffected === 0) return false;
    if (later) await webhookEventInsert(tx, [catalogScheduledEvent(catalog, revision.id, revision.scheduledAt!)], meta.at);
    return true;
  }));
  if (!approved) throw new RevisionProblem('Someone else decided on this revision meanwhile; reload the page.');
  if (later) nudgeWebhookSender();
  await recordCatalogEvent(db, { kind: 'revision-approved', actor: reviewer, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id), detail: { scheduledAt: later ? revision.scheduledAt : null } }, { revisionId: revision.id });
  if (later) return { liveAt: revision.scheduledAt! };
  await goLive(db, revision.id, reviewer, meta);
  return { liveAt: 'now' };
}

/** Sales or an admin reject a submitted revision with a comment the supplier reads; it stays unpublished. */
export async function rejectRevision(db: Db, reviewer: SessionUser, revisionId: number | null, comment: string, meta: CommandMeta): Promise<void> {
  const text = comment.trim();
  if (text === '') throw new RevisionProblem('Tell the supplier why, so they can fix it.', { field: 'comment', status: 400 });
  if (text.length > MAX_COMMENT) throw new RevisionProblem(`Use at most ${MAX_COMMENT} characters.`, { field: 'comment', status: 400 });
  const { revision, catalog } = await pending(db, reviewer, revisionId);
  const done = await withCatalogWrites(() => db.update(revisions).set({ approval: 'rejected', approvalComment: text, reviewedBy: reviewer.id, reviewedAt: meta.at.toISOString(), scheduledAt: null, scheduledBy: null })
    .where(and(eq(revisions.id, revision.id), eq(revisions.approval, 'pending'), eq(revisions.state, 'ready'))));
  if (done.rowsAffected === 0) throw new RevisionProblem('Someone else decided on this revision meanwhile; reload the page.');
  await recordCatalogEvent(db, { kind: 'revision-rejected', actor: reviewer, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id), detail: { comment: text } }, { revisionId: revision.id });
}
