import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { goLive, type CommandMeta } from './publish-now.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';

/**
 * Makes an earlier published revision live again, in one step (one transaction). It was
 * approved when it first went live, so no new approval is asked: rolling back is the way out
 * of a bad publish and must not wait.
 */
export async function rollBackTo(db: Db, actor: SessionUser, revisionId: number | null, meta: CommandMeta): Promise<void> {
  const { revision } = await revisionForSupplier(db, actor, revisionId);
  if (revision.state === 'published') throw new RevisionProblem('This revision is already the live one.');
  if (revision.state !== 'superseded') throw new RevisionProblem('Only a revision that was live before can be made live again.');
  await goLive(db, revision.id, actor, meta, 'rollback');
}
