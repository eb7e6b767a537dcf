import { apiEndpoint, apiJson, callRevision } from '#server/api/api-endpoint.server.ts';
import { parsePage } from '#features/catalogs/report-page.server.ts';
import { revisionDiff } from '#features/catalogs/revision-diff.server.ts';

/** The diff against the live revision: `?kind=added|removed|changed&sort=sku|price-move&page=`. */
export const GET = apiEndpoint('revisions.diff', async (call) => {
  const ctx = await callRevision(call);
  const q = call.context.url.searchParams;
  const diff = await revisionDiff(call.app.database.db, ctx.revision, ctx.catalog, { kind: q.get('kind'), sort: q.get('sort'), page: parsePage(q.get('page')) });
  return apiJson({
    baseRevisionId: diff.base, summary: diff.summary, currency: ctx.catalog.currency,
    entries: diff.entries, page: diff.page, pageCount: diff.pageCount, total: diff.total,
  });
});
