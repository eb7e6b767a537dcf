import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { liveCatalogExportFile, type LiveCatalogExport } from '#features/exports/supplier-downloads.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { offLoop } from '#kernel/off-loop.ts';

/** The live revision of the supplier's own catalog: export.csv, export.xlsx or export.xml (BMEcat 2005). */
export const GET: APIRoute = async (context) => {
  const { database } = await getApp();
  const ask: LiveCatalogExport = { user: context.locals.user, catalog: context.params.catalogId, format: context.params.format, origin: context.url.origin, at: new Date().toISOString() };
  const file = await offLoop('exports.supplier-catalog', ask, (a) => liveCatalogExportFile(database.db, a));
  return file ? exportFileResponse(file) : context.rewrite('/404');
};
