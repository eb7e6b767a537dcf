import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { parseId, revisionForReviewer, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { listProblems, type Severity } from './revision-report.server.ts';

export function parseSeverity(value: string | null): Severity | null {
  return value === 'error' || value === 'warning' ? value : null;
}

export function parsePage(value: string | null): number {
  const n = Number(value ?? 1);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/** A revision with one page of its report (`severity`, `page` from the query); null answers 404. */
export async function loadReportPage(db: Db, user: SessionUser | null, param: string | undefined, query: URLSearchParams, as: 'supplier' | 'reviewer') {
  try {
    const id = parseId(param);
    const ctx = as === 'supplier' ? await revisionForSupplier(db, user, id) : await revisionForReviewer(db, user, id);
    const severity = parseSeverity(query.get('severity'));
    const report = await listProblems(db, ctx.revision.id, { severity, page: parsePage(query.get('page')) });
    return { ctx, report, severity };
  } catch (e) {
    if (e instanceof RevisionNotFound) return null;
    throw e;
  }
}
