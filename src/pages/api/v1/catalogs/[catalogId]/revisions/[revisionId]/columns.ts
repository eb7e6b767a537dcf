import { apiEndpoint, apiJson, callRevision, jsonBody } from '#server/api/api-endpoint.server.ts';
import { loadColumnsPage } from '#features/catalogs/columns-page.server.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { remapColumns } from '#features/catalogs/remap-columns.server.ts';
import { wakeBackgroundJobs } from '#server/background-jobs.server.ts';
import { apiPaths } from '#src/paths.ts';

/** The file's headers with sample values and how each is read ("sku", "price", "tier:10", "category:2", "attribute", …). */
export const GET = apiEndpoint('revisions.columns', async (call) => {
  const ctx = await callRevision(call);
  const view = await loadColumnsPage(call.app.database.db, call.user, String(ctx.revision.id), call.app.uploadsDir);
  if (!view) throw new RevisionNotFound();
  return apiJson({
    columns: (ctx.revision.columnPreview ?? []).map((c) => ({ header: c.header, samples: c.values, readAs: ctx.revision.columnRoles?.[c.header] ?? null })),
    sheets: view.sheets, canRemap: view.abilities.remap,
  });
});

/**
 * Saves a column mapping with the catalog and reads the kept file again:
 * {"columns": {"Art.Nr": "sku", "Text": "name", "VK 10": "tier:10"}} and/or {"sheet": "Prices"}.
 * A failed revision is read again as itself; a checked one as a new revision (202, Location).
 */
export const POST = apiEndpoint('revisions.remap', async (call) => {
  const ctx = await callRevision(call);
  const body = await jsonBody(call.context.request);
  const columns = body.columns;
  if (columns !== undefined && (columns === null || typeof columns !== 'object' || Array.isArray(columns) || Object.values(columns).some((v) => typeof v !== 'string'))) {
    throw new RevisionProblem('"columns" must map each header to a field name, e.g. {"Art.Nr": "sku"}.', { field: 'columns', status: 400 });
  }
  if (body.sheet !== undefined && typeof body.sheet !== 'string') throw new RevisionProblem('"sheet" must be the name of a sheet.', { field: 'sheet', status: 400 });
  const { revisionId } = await remapColumns(call.app.database.db, call.user, call.app.uploadsDir, ctx.revision.id,
    { columns: (columns as Record<string, string> | undefined) ?? null, sheet: (body.sheet as string | undefined)?.trim() || null }, call.meta);
  wakeBackgroundJobs('uploads');
  const url = apiPaths.revision(ctx.catalog.id, revisionId);
  return apiJson({ revisionId, revisionUrl: url }, 202, { location: url });
});
