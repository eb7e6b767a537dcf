import { slugify } from '#kernel/slugify.ts';
import { csvStream } from './csv.ts';
import { xlsxStream } from './xlsx.server.ts';
import type { ExportTable } from './table.ts';
import { writeExportFile, type ExportFile } from './export-file.server.ts';

export type ExportFormat = 'csv' | 'xlsx';

export function parseExportFormat(param: string | undefined): ExportFormat | null {
  return param === 'csv' || param === 'xlsx' ? param : null;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const fileNameOf = (name: string, now: Date, format: ExportFormat) => `${slugify(name)}-${now.toISOString().slice(0, 10)}.${format}`;
const bodyOf = (table: ExportTable, format: ExportFormat) => (format === 'csv' ? csvStream(table) : xlsxStream(table));

/**
 * A download of the table, streamed. The file name says what and when, e.g.
 * "fasteners-2027-2027-06-15.xlsx"; the body is personal, so no shared cache may keep it.
 */
export function downloadResponse(table: ExportTable, format: ExportFormat, name: string, now: Date): Response {
  return new Response(bodyOf(table, format), {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${fileNameOf(name, now, format)}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** The same download written to a file, for whole catalogs (see export-file.server.ts). */
export function tableExportFile(table: ExportTable, format: ExportFormat, name: string, now: Date): Promise<ExportFile> {
  return writeExportFile(bodyOf(table, format), TYPES[format], fileNameOf(name, now, format));
}
