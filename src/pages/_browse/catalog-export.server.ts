import type { APIContext } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { catalogBySlug, openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { catalogExportTable } from '#features/exports/catalog-export.server.ts';
import { downloadResponse, parseExportFormat } from '#features/exports/download-response.ts';

// Not a route (Astro skips files starting with "_"): the whole catalog as the buyer (or the
// previewed customer) sees it, their items at their prices, as CSV or XLSX.
export async function exportBrowseCatalog({ params, locals, rewrite }: APIContext): Promise<Response> {
  const format = parseExportFormat(params.format);
  const { database } = await getApp();
  const now = new Date();
  const request = await openBrowseRequest(database.db, pageUser(locals), params.customer, now);
  const catalog = request && catalogBySlug(request, params.catalog);
  if (!format || !request || !catalog) return rewrite('/404');
  const table = await catalogExportTable(database.db, request.context(), catalog);
  return downloadResponse(table, format, `${catalog.slug} ${request.customer.name}`, now);
}
