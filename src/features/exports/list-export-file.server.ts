import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { loadOwnPricedList } from '#features/lists/priced-list.server.ts';
import { listExportTable } from './list-export.server.ts';
import { parseExportFormat, tableExportFile } from './table-export-file.server.ts';
import type { ExportFile } from './export-file.server.ts';

/** What a buyer's requisition-list download asks, as it crosses to the jobs process. */
export interface ListExport { user: SessionUser; list?: string; format?: string; at: string }

/**
 * The buyer's own requisition list as CSV or XLSX for an ERP import, at their prices at `at`,
 * in a file; null when there is no such list of theirs or no such format.
 */
export async function listExportFile(db: Db, ask: ListExport): Promise<ExportFile | null> {
  const format = parseExportFormat(ask.format);
  const now = new Date(ask.at);
  const request = await openBrowseRequest(db, ask.user, undefined, now);
  const priced = format && request && (await loadOwnPricedList(db, request.context(), ask.user.id, ask.list));
  if (!format || !priced) return null;
  return tableExportFile(listExportTable(priced), format, `list ${priced.list.name}`, now);
}
