import { slugify } from '#kernel/slugify.ts';
import { csvStream } from './csv.ts';
import { xlsxStream } from './xlsx.server.ts';
import type { ExportTable } from './table.ts';

export type ExportFormat = 'csv' | 'xlsx';

export function parseExportFormat(param: string | undefined): ExportFormat | null {
  return param === 'csv' || param === 'xlsx' ? param : null;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A download of the table, streamed. The file name says what and when, e.g.
 * "fasteners-2027-2027-06-15.xlsx"; the body is personal, so no shared cache may keep it.
 */
export function downloadResponse(table: ExportTable, format: ExportFormat, name: string, now: Date): Response {
  const fileName = `${slugify(name)}-${now.toISOString().slice(0, 10)}.${format}`;
  return new Response(format === 'csv' ? csvStream(table) : xlsxStream(table), {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
