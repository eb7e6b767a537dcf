import type { ProblemRow } from './revision-report.server.ts';

export const REPORT_CSV_HEADER = ['Severity', 'Row', 'SKU', 'Column', 'Value found', 'Expected', 'Message'] as const;

/**
 * One CSV field. A value starting with =, +, -, @, a tab or a carriage return would run as a
 * formula when the report is opened in a spreadsheet: it gets a leading apostrophe, so it shows
 * as text (the supplier's own cell values end up in this report).
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

export function problemCsvLine(p: ProblemRow): string {
  return csvLine([p.severity, p.rowNumber, p.sku, p.column, p.value, p.expected, p.message]);
}

/** The report as CSV text chunks (UTF-8 with BOM, so Excel reads the umlauts), streamed. */
export async function* reportCsv(problems: AsyncIterable<ProblemRow>): AsyncGenerator<string> {
  yield '\ufeff' + csvLine(REPORT_CSV_HEADER);
  let chunk = '';
  for await (const p of problems) {
    chunk += problemCsvLine(p);
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
