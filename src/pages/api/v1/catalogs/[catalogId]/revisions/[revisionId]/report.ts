import { apiEndpoint, apiJson, callRevision } from '#server/api/api-endpoint.server.ts';
import { parsePage, parseSeverity } from '#features/catalogs/report-page.server.ts';
import { reportCsvResponse } from '#features/catalogs/report-csv-response.server.ts';
import { listProblems } from '#features/catalogs/revision-report.server.ts';

/** The validation report: `?severity=error|warning&page=&pageSize=` (JSON), or `?format=csv` for all of it. */
export const GET = apiEndpoint('revisions.report', async (call) => {
  const ctx = await callRevision(call);
  const q = call.context.url.searchParams;
  if (q.get('format') === 'csv') return reportCsvResponse(call.app.database.db, ctx);
  const report = await listProblems(call.app.database.db, ctx.revision.id, { severity: parseSeverity(q.get('severity')), page: parsePage(q.get('page')), pageSize: parsePage(q.get('pageSize') ?? '50') });
  const r = ctx.revision;
  return apiJson({
    counts: { rowsRead: r.rowsRead, items: r.itemCount, errors: r.errorCount, warnings: r.warningCount },
    problems: report.problems.map((p) => ({ severity: p.severity, row: p.rowNumber, column: p.column, value: p.value, expected: p.expected, message: p.message })),
    page: report.page, pageCount: report.pageCount, pageSize: report.pageSize, total: report.total,
  });
});
