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
 * A download of the table, written to a file for the serving process to stream (see
 * export-file.server.ts). The file name says what and when, e.g. "fasteners-2027-2027-06-15.xlsx".
 */
export function tableExportFile(table: ExportTable, format: ExportFormat, name: string, now: Date): Promise<ExportFile> {
  return writeExportFile(bodyOf(table, format), TYPES[format], fileNameOf(name, now, format));
}
