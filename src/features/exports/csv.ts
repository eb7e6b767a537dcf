import { formatMinor } from '#kernel/money/parse-money.ts';
import { neutralizeCell } from './neutralize-cell.ts';
import type { ExportCell, ExportTable } from './table.ts';

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only with it. */
const BOM = '\uFEFF';

function field(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  // Money as a plain decimal with a dot ("1234.56"): what ERP imports expect; the currency has its own column.
  if (typeof cell === 'object') return formatMinor(cell.minor, cell.currency);
  const text = neutralizeCell(cell);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly ExportCell[]): string {
  return cells.map(field).join(',') + '\r\n';
}

/** The table as RFC 4180 CSV (comma, CRLF, quotes doubled), UTF-8 with BOM, streamed row by row. */
export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* lines(): AsyncGenerator<string> {
    yield BOM + csvLine(table.columns.map((c) => c.header));
    let chunk = '';
    for await (const row of table.rows) {
      chunk += csvLine(row);
      if (chunk.length > 64 * 1024) { yield chunk; chunk = ''; }
    }
    if (chunk) yield chunk;
  }
  const source = lines();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() { await source.return(undefined); },
  });
}
