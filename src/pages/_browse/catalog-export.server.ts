import type { APIContext } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { buyerCatalogExportFile, type BuyerCatalogExport } from '#features/exports/buyer-catalog-file.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { offLoop } from '#kernel/off-loop.ts';

// Not a route (Astro skips files starting with "_"): the whole catalog as the buyer (or the
// previewed customer) sees it, as CSV or XLSX, written where heavy work runs and streamed here.
export async function exportBrowseCatalog({ params, locals, rewrite }: APIContext): Promise<Response> {
  const { database } = await getApp();
  const ask: BuyerCatalogExport = { user: pageUser(locals), previewCustomer: params.customer, catalog: params.catalog, format: params.format, at: new Date().toISOString() };
  const file = await offLoop('exports.buyer-catalog', ask, (a) => buyerCatalogExportFile(database.db, a));
  return file ? exportFileResponse(file) : rewrite('/404');
}
