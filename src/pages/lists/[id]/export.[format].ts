import type { APIRoute } from 'astro';
import { getApp } from '#src/app.server.ts';
import { pageUser } from '#src/guards.ts';
import { listExportFile, type ListExport } from '#features/exports/list-export-file.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { offLoop } from '#kernel/off-loop.ts';

// A requisition list as CSV or XLSX for an ERP import, at the buyer's prices today: written
// where heavy work runs and streamed here.
export const GET: APIRoute = async ({ params, locals, rewrite }) => {
  const { database } = await getApp();
  const ask: ListExport = { user: pageUser(locals), list: params.id, format: params.format, at: new Date().toISOString() };
  const file = await offLoop('exports.list', ask, (a) => listExportFile(database.db, a));
  return file ? exportFileResponse(file) : rewrite('/404');
};
