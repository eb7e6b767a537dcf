import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportInputError } from '../checks/import-input-error.ts';
import { isBlankRow, type RawRow } from './raw-row.ts';
import { cellText } from './xlsx-cell-text.ts';
import { startWorkbookRead } from './xlsx-spool-sweep.server.ts';
import { assertZipWithinLimits } from './zip-source.server.ts';
import type { ZipLimits } from './zip-limits.server.ts';

export interface XlsxOptions {
  /** The name the supplier knows the file by, used in messages (default: the path's base name). */
  fileName?: string;
  /** The sheet to read (default: the first sheet, as ordered in the workbook). */
  sheet?: string;
  /** An .xlsx is a ZIP: it is inflated once under these limits before exceljs reads it. */
  limits?: Partial<ZipLimits>;
}

// An .xlsx holds XML that compresses far better than the files of an upload ZIP.
const XLSX_LIMITS: Partial<ZipLimits> = { maxRatio: 1000, maxTotalBytes: 1024 ** 3 };

type WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
// exceljs sets these at run time without declaring them on the streaming reader's types.
type ReaderModel = { model?: { sheets?: { name?: string }[] } };
type SheetExtras = { name?: string; iterator?: unknown };

function openReader(path: string) {
  const input = createReadStream(path);
  // styles: 'cache' is needed to tell a date from a number (it is a number with a date format).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  return { input, reader };
}

/**
 * Closes a sheet that will not be read. exceljs spools sheets that precede the shared strings to
 * temporary files and deletes them as it moves on, possibly before the file has opened: the
 * resulting error on the discarded stream is expected and silenced.
 */
function discardSheet(sheet: unknown): void {
  const source = (sheet as SheetExtras).iterator;
  if (source instanceof Readable) {
    source.on('error', () => {});
    source.destroy();
  }
}

function sheetNamesOf(reader: WorkbookReader): string[] {
  return ((reader as unknown as ReaderModel).model?.sheets ?? []).flatMap((s) => (s.name === undefined ? [] : [s.name]));
}

function unreadable(fileName: string, cause: unknown): ImportInputError {
  return new ImportInputError(
    `"${fileName}" could not be read as an Excel workbook (.xlsx): it may be damaged or saved in another format. ` +
      'Open it in Excel and save it again as "Excel Workbook (.xlsx)" or as CSV.',
    { fileName, cause },
  );
}

/** The sheet names of a workbook, in the order of its tabs. */
export async function listSheetNames(path: string, options: Omit<XlsxOptions, 'sheet'> = {}): Promise<string[]> {
  const fileName = options.fileName ?? basename(path);
  await assertZipWithinLimits(path, { fileName, limits: { ...XLSX_LIMITS, ...options.limits } });
  const { input, reader } = openReader(path);
  const readDone = startWorkbookRead();
  let names: string[] = [];
  try {
    // Run through every sheet (unread) so exceljs deletes the temporary files it spools them to.
    for await (const sheet of reader) {
      names = sheetNamesOf(reader);
      discardSheet(sheet);
    }
    return names;
  } catch (error) {
    throw unreadable(fileName, error);
  } finally {
    input.destroy();
    await readDone();
  }
}

/**
 * exceljs's streaming reader leaves a shared-string cell as { sharedString: n } when it meets the
 * sheet before the shared strings in some part orders; reading it as empty would silently drop
 * SKUs and names, so the workbook is refused with a way to fix it instead.
 */
function assertResolved(value: unknown, fileName: string, rowNumber: number): void {
  if (typeof value === 'object' && value !== null && 'sharedString' in value) {
    throw new ImportInputError(
      `"${fileName}": row ${rowNumber} holds text we cannot read, because the workbook stores its parts in an unusual order. ` +
        'Open it in Excel and save it again as "Excel Workbook (.xlsx)", or save it as CSV.',
      { fileName, rowNumber },
    );
  }
}

function rowCells(row: ExcelJS.Row, fileName: string): string[] {
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    assertResolved(cell.value, fileName, row.number);
    cells[column - 1] = cellText(cell.value, cell.numFmt);
  });
  return Array.from(cells, (cell) => cell ?? '');
}

/**
 * Streams the non-blank rows of one sheet of an .xlsx, numbered as in Excel. Cells keep their
 * type: numbers as Excel shows them (15 significant digits), dates as yyyy-mm-dd, formulas as
 * their last computed result (exceljs does not compute formulas).
 */
export async function* xlsxRows(path: string, options: XlsxOptions = {}): AsyncGenerator<RawRow> {
  const fileName = options.fileName ?? basename(path);
  await assertZipWithinLimits(path, { fileName, limits: { ...XLSX_LIMITS, ...options.limits } });
  const { input, reader } = openReader(path);
  const readDone = startWorkbookRead();
  const sheets = reader[Symbol.asyncIterator]();
  let found = false;
  let names: string[] = [];
  let done = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      names = sheetNamesOf(reader);
      const sheet = next.value;
      if ((sheet as unknown as SheetExtras).name !== (options.sheet ?? names[0]) || found) {
        discardSheet(sheet);
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const cells = rowCells(row, fileName);
        if (!isBlankRow(cells)) yield { rowNumber: row.number, cells };
      }
    }
    done = true;
  } catch (error) {
    throw error instanceof ImportInputError ? error : unreadable(fileName, error);
  } finally {
    // Stopped early (by the caller or an error): run through the remaining sheets so exceljs
    // deletes the temporary files it spooled them to.
    if (!done) {
      try {
        for (let next = await sheets.next(); !next.done; next = await sheets.next()) discardSheet(next.value);
      } catch {
        // The workbook is being abandoned anyway.
      }
    }
    input.destroy();
    await readDone();
  }
  if (!found) {
    const list = names.map((n) => `"${n}"`).join(', ');
    const message = options.sheet === undefined
      ? `"${fileName}" has no sheet with data we can read.`
      : `"${fileName}" has no sheet named "${options.sheet}"; its sheets are ${list || 'none'}.`;
    throw new ImportInputError(message, { fileName });
  }
}
