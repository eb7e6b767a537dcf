import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { loadDiffPage } from './diff-page.server.ts';
import { loadReportPage } from './report-page.server.ts';
import { loadRevisionPage } from './revision-page.server.ts';

/** The reviewer's page of one revision: facts, a page of the report and a page of the diff. Null: 404. */
export async function loadReviewPage(db: Db, user: SessionUser | null, param: string | undefined, query: URLSearchParams) {
  const view = await loadRevisionPage(db, user, param, 'reviewer');
  if (!view) return null;
  const report = await loadReportPage(db, user, param, query, 'reviewer');
  const diff = await loadDiffPage(db, user, param, query, 'reviewer', 'diffPage');
  return report && diff ? { view, report, diff } : null;
}
