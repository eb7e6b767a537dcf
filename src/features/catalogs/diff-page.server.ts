import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { parseId, revisionForReviewer, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { parsePage } from './report-page.server.ts';
import { revisionDiff } from './revision-diff.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';

/** A revision with one page of its diff (`kind`, `sort`, `page` from the query); null answers 404. */
export async function loadDiffPage(db: Db, user: SessionUser | null, param: string | undefined, query: URLSearchParams, as: 'supplier' | 'reviewer', pageParam = 'page') {
  try {
    const id = parseId(param);
    const ctx = as === 'supplier' ? await revisionForSupplier(db, user, id) : await revisionForReviewer(db, user, id);
    const diff = await revisionDiff(db, ctx.revision, ctx.catalog, { kind: query.get('kind'), sort: query.get('sort'), page: parsePage(query.get(pageParam)) });
    return { ctx, diff };
  } catch (e) {
    if (e instanceof RevisionNotFound) return null;
    throw e;
  }
}
