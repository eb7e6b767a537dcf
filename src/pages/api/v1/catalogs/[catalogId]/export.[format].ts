import { apiEndpoint } from '#server/api/api-endpoint.server.ts';
import { liveCatalogExportFile, type LiveCatalogExport } from '#features/exports/supplier-downloads.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { offLoop } from '#kernel/off-loop.ts';

/** The live revision as export.csv, export.xlsx or export.xml (BMEcat 2005), for the supplier's systems. */
export const GET = apiEndpoint('catalogs.export', async ({ user, app, context }) => {
  const ask: LiveCatalogExport = { user, catalog: context.params.catalogId, format: context.params.format, origin: context.url.origin, at: new Date().toISOString() };
  const file = await offLoop('exports.supplier-catalog', ask, (a) => liveCatalogExportFile(app.database.db, a));
  if (!file) throw new RevisionNotFound();
  return exportFileResponse(file);
});
