import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { currencyDecimals } from '#kernel/money/currency-marks.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { neutralizeCell } from './neutralize-cell.ts';
import type { ExportCell, ExportTable } from './table.ts';

function moneyFormat(currency: string): string {
  const decimals = currencyDecimals(currency);
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

/**
 * The table as an XLSX workbook, written by exceljs's streaming writer so a large catalog is
 * never held in memory as a whole. Money is a number cell with the currency's decimals (a
 * spreadsheet can sum it); text cells are neutralized like in CSV.
 */
export function xlsxStream(table: ExportTable): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet 1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? (c.kind === 'text' ? 24 : 12) }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of table.rows) {
        const written = sheet.addRow(row.map((cell: ExportCell) => {
          if (cell === null || typeof cell === 'number') return cell;
          if (typeof cell === 'object') return Number(formatMinor(cell.minor, cell.currency));
          return table.textAsWritten ? cell : neutralizeCell(cell);
        }));
        row.forEach((cell, index) => {
          if (cell !== null && typeof cell === 'object') written.getCell(index + 1).numFmt = moneyFormat(cell.currency);
        });
        written.commit();
        if (out.writableNeedDrain) await once(out, 'drain'); // a slow download slows the writer, not the memory
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      console.error('XLSX export failed', error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
