import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { loadOwnPricedList } from '#features/lists/priced-list.server.ts';
import { listExportTable } from '#features/exports/list-export.server.ts';
import { downloadResponse, parseExportFormat } from '#features/exports/download-response.ts';

// A requisition list as CSV or XLSX for an ERP import, at the buyer's prices today.
export const GET: APIRoute = async ({ params, locals, rewrite }) => {
  const user = pageUser(locals);
  const format = parseExportFormat(params.format);
  const { database } = await getApp();
  const now = new Date();
  const request = await openBrowseRequest(database.db, user, undefined, now);
  const priced = format && request && (await loadOwnPricedList(database.db, request.context(), user.id, params.id));
  if (!format || !priced) return rewrite('/404');
  return downloadResponse(listExportTable(priced), format, `list ${priced.list.name}`, now);
};
