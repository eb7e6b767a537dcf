import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { catalogBySlug, openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { catalogExportTable } from './catalog-export.server.ts';
import { parseExportFormat, tableExportFile } from './table-export-file.server.ts';
import type { ExportFile } from './export-file.server.ts';

/** What a buyer's (or a previewing salesperson's) catalog download asks, as it crosses to the jobs process. */
export interface BuyerCatalogExport { user: SessionUser; previewCustomer?: string; catalog?: string; format?: string; at: string }

/**
 * The whole catalog as the buyer (or the previewed customer) sees it, their items at their
 * prices, as CSV or XLSX in a file; null when there is no such catalog, format or access.
 */
export async function buyerCatalogExportFile(db: Db, ask: BuyerCatalogExport): Promise<ExportFile | null> {
  const format = parseExportFormat(ask.format);
  const now = new Date(ask.at);
  const request = await openBrowseRequest(db, ask.user, ask.previewCustomer, now);
  const catalog = request && catalogBySlug(request, ask.catalog);
  if (!format || !request || !catalog) return null;
  const table = await catalogExportTable(db, request.context(), catalog);
  return tableExportFile(table, format, `${catalog.slug} ${request.customer.name}`, now);
}
