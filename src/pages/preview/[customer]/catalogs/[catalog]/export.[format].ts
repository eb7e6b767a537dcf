import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { catalogBySlug, openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { catalogExportTable } from '#features/exports/catalog-export.server.ts';
import { downloadResponse, parseExportFormat } from '#features/exports/download-response.ts';

// The whole catalog as the buyer sees it (their items, their prices), as CSV or XLSX.
export const GET: APIRoute = async ({ params, locals, rewrite }) => {
  const format = parseExportFormat(params.format);
  const { database } = await getApp();
  const now = new Date();
  const request = await openBrowseRequest(database.db, pageUser(locals), params.customer, now);
  const catalog = request && catalogBySlug(request, params.catalog);
  if (!format || !request || !catalog) return rewrite('/404');
  const table = await catalogExportTable(database.db, request.context(), catalog);
  return downloadResponse(table, format, `${catalog.slug} ${request.customer.name}`, now);
};
