import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { parseId, revisionForReviewer, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { currentDiffSummary } from './revision-diff.server.ts';
import { revisionPeople } from './revision-people.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { revisionAbilities, revisionFacts } from './revision-status.ts';

/** Everything the revision page shows, for its supplier (or a reviewer); null answers 404. */
export async function loadRevisionPage(db: Db, user: SessionUser | null, param: string | undefined, as: 'supplier' | 'reviewer' = 'supplier') {
  try {
    const id = parseId(param);
    const ctx = as === 'supplier' ? await revisionForSupplier(db, user, id) : await revisionForReviewer(db, user, id);
    const facts = revisionFacts(ctx.revision);
    return {
      ctx, facts,
      abilities: revisionAbilities(facts, ctx.supplier.requiresApproval),
      people: await revisionPeople(db, ctx.revision),
      diff: await currentDiffSummary(db, ctx.revision, ctx.catalog),
    };
  } catch (e) {
    if (e instanceof RevisionNotFound) return null;
    throw e;
  }
}
