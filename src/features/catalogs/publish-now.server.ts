import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { attentionMailsForPublish } from '#features/notifications/attention-mails.server.ts';
import { mayGoLive } from './approval-rules.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { checkCanGoLive } from './going-live-checks.ts';
import { makeRevisionLive, PublishRefused } from './publish-revision.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';
import { offLoop } from '#kernel/off-loop.ts';

export interface CommandMeta { ip: string | null; at: Date }

/** Records the supplier's explicit choice to let only the valid rows go live. */
export async function chooseValidRowsOnly(db: Db, revisionId: number, validRowsOnly: boolean): Promise<void> {
  if (validRowsOnly) await withCatalogWrites(() => db.update(revisions).set({ validRowsOnly: true }).where(eq(revisions.id, revisionId)));
}

export interface GoLiveInput { revisionId: number; actor: { id: number | null; email: string | null }; meta: CommandMeta; kind: 'publish' | 'rollback' }

/** Makes the revision live in this process (the heavy part: the items' search documents are rewritten). */
export async function goLiveHere(db: Db, input: GoLiveInput): Promise<void> {
  const mails = input.kind === 'publish' ? await attentionMailsForPublish(db, input.revisionId) : [];
  await withCatalogWrites(() => makeRevisionLive(db, input.revisionId, { ...input.actor, ip: input.meta.ip }, input.meta.at, input.kind, mails));
}

/**
 * Runs makeRevisionLive where heavy work runs (#kernel/off-loop.ts) and turns its refusals into
 * a problem the person reads.
 */
export async function goLive(db: Db, revisionId: number, actor: SessionUser | { id: number | null; email: string | null }, meta: CommandMeta, kind: 'publish' | 'rollback' = 'publish'): Promise<void> {
  try {
    await offLoop('catalogs.go-live', { revisionId, actor: { id: actor.id, email: actor.email }, meta, kind } satisfies GoLiveInput, (input) => goLiveHere(db, input));
  } catch (e) {
    // A refusal made in the other process arrives as an Error named like its class.
    if (e instanceof PublishRefused || (e instanceof Error && e.name === PublishRefused.name)) throw new RevisionProblem(e.message);
    throw e;
  }
}

/**
 * The supplier publishes a checked revision now: it becomes what buyers see in one transaction.
 * Refused while errors remain unless only the valid rows are chosen, and where the supplier's
 * publishing needs approval that has not been given (they submit it instead).
 */
export async function publishNow(db: Db, actor: SessionUser, revisionId: number | null, choice: { validRowsOnly: boolean }, meta: CommandMeta): Promise<void> {
  const { revision, supplier } = await revisionForSupplier(db, actor, revisionId);
  checkCanGoLive(revision, choice.validRowsOnly);
  if (!mayGoLive(revision.approval, supplier.requiresApproval)) {
    throw new RevisionProblem(revision.approval === 'pending'
      ? 'This revision is waiting for approval; it goes live when our staff approve it.'
      : 'Publishing needs approval by our staff: submit this revision for approval.');
  }
  await chooseValidRowsOnly(db, revision.id, choice.validRowsOnly);
  await goLive(db, revision.id, actor, meta);
}
