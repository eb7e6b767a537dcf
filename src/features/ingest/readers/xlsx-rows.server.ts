import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ImportInputError } from '../checks/import-input-error.ts';
import { isBlankRow, type RawRow } from './raw-row.ts';
import { cellText } from './xlsx-cell-text.ts';
import { openXlsxPackage, resolvePartTarget, type XlsxPackage } from './xlsx-package.server.ts';
import type { ZipLimits } from './zip-limits.server.ts';

export interface XlsxOptions {
  /** The name the supplier knows the file by, used in messages (default: the path's base name). */
  fileName?: string;
  /** The sheet to read (default: the first sheet, as ordered in the workbook). */
  sheet?: string;
  /** An .xlsx is a ZIP: the parts read are inflated under these limits. */
  limits?: Partial<ZipLimits>;
}

// An .xlsx holds XML that compresses far better than the files of an upload ZIP.
export const XLSX_LIMITS: Partial<ZipLimits> = { maxRatio: 1000, maxTotalBytes: 1024 ** 3 };

// The workbook part and its relationships, where every spreadsheet program writes them.
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const RELATION = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

type Relationship = { Id: string; Target: string; Type: string; TargetMode?: string };
type SheetEntry = { id: number; name: string; rId: string };

/**
 * exceljs's streaming reader, driven part by part instead of through its own single pass over
 * the stored order (exceljs 4.4.0, pinned: these are its internal steps, each given one part's
 * text). Its pass lost parts now and then (a workbook "could not be read" one upload in a few
 * dozen) and decoded UTF-8 chunk by chunk, garbling a character that straddled two chunks.
 */
interface ReaderSteps {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(part: Readable, sheetNo: string): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
  workbookRels?: Relationship[];
  model?: { sheets?: (SheetEntry | undefined)[] };
}

// styles: 'cache' is needed to tell a date from a number (it is a number with a date format).
const READ_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;

function unreadable(fileName: string, cause: unknown): ImportInputError {
  return new ImportInputError(
    `"${fileName}" could not be read as an Excel workbook (.xlsx): it may be damaged or saved in another format. ` +
      'Open it in Excel and save it again as "Excel Workbook (.xlsx)" or as CSV.',
    { fileName, cause },
  );
}

/** Our message for an input error; a library's failure as the supplier's "could not be read". */
const asInputError = (fileName: string, error: unknown) => (error instanceof ImportInputError ? error : unreadable(fileName, error));

interface OpenedWorkbook {
  pkg: XlsxPackage;
  reader: ReaderSteps;
  /** The sheets in tab order, each with the package part that holds it (null: none). */
  sheets: { name: string; id: number; part: string | null }[];
}

/** The part a workbook relationship of this type points to, if there is one. */
function partOfType(rels: Relationship[], type: string): string | null {
  const rel = rels.find((r) => r.Type === RELATION + type && r.TargetMode !== 'External');
  return rel ? resolvePartTarget('xl', rel.Target) : null;
}

/**
 * Opens a workbook and reads what its sheets depend on: the relationships and the workbook part
 * (sheet names and order, the 1904 date system), then, when cells are to be read, the shared
 * strings and the styles.
 */
async function openWorkbook(path: string, fileName: string, limits: Partial<ZipLimits> | undefined, forCells: boolean): Promise<OpenedWorkbook> {
  const pkg = await openXlsxPackage(path, fileName, { ...XLSX_LIMITS, ...limits });
  try {
    if (!pkg.has(WORKBOOK_PART)) throw unreadable(fileName, new Error(`no ${WORKBOOK_PART} part`));
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, READ_OPTIONS) as unknown as ReaderSteps;
    if (pkg.has(WORKBOOK_RELS)) await reader._parseRels(pkg.text(WORKBOOK_RELS));
    await reader._parseWorkbook(pkg.text(WORKBOOK_PART));
    const rels = reader.workbookRels ?? [];
    if (forCells) {
      const strings = partOfType(rels, 'sharedStrings') ?? 'xl/sharedStrings.xml';
      if (pkg.has(strings)) for await (const _ of reader._parseSharedStrings(pkg.text(strings)));
      const styles = partOfType(rels, 'styles') ?? 'xl/styles.xml';
      if (pkg.has(styles)) await reader._parseStyles(pkg.text(styles));
    }
    const sheets = (reader.model?.sheets ?? []).flatMap((sheet) => {
      if (sheet?.name === undefined) return [];
      const rel = rels.find((r) => r.Id === sheet.rId);
      const part = rel ? resolvePartTarget('xl', rel.Target) : null;
      return [{ name: sheet.name, id: sheet.id, part: part !== null && pkg.has(part) ? part : null }];
    });
    return { pkg, reader, sheets };
  } catch (error) {
    pkg.close();
    throw asInputError(fileName, error);
  }
}

/** The sheet names of a workbook, in the order of its tabs. */
export async function listSheetNames(path: string, options: Omit<XlsxOptions, 'sheet'> = {}): Promise<string[]> {
  const { pkg, sheets } = await openWorkbook(path, options.fileName ?? basename(path), options.limits, false);
  pkg.close();
  return sheets.map((s) => s.name);
}

/**
 * A cell that refers to the shared strings keeps the bare reference ({ sharedString: n }) when
 * the workbook holds no shared strings: reading it as empty would silently drop SKUs and names,
 * so the workbook is refused with a way to fix it instead.
 */
function assertResolved(value: unknown, fileName: string, rowNumber: number): void {
  if (typeof value === 'object' && value !== null && 'sharedString' in value) {
    throw new ImportInputError(
      `"${fileName}": row ${rowNumber} refers to text the workbook does not hold (its list of shared texts is missing), so it may be damaged. ` +
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
  const { pkg, reader, sheets } = await openWorkbook(path, fileName, options.limits, true);
  try {
    const wanted = options.sheet ?? sheets[0]?.name;
    const sheet = sheets.find((s) => s.name === wanted);
    if (!sheet?.part) {
      const list = sheets.map((s) => `"${s.name}"`).join(', ');
      throw new ImportInputError(
        options.sheet === undefined || sheet
          ? `"${fileName}" has no sheet with data we can read.`
          : `"${fileName}" has no sheet named "${options.sheet}"; its sheets are ${list || 'none'}.`,
        { fileName },
      );
    }
    const [event] = reader._parseWorksheet(pkg.text(sheet.part), String(sheet.id));
    if (!event) throw unreadable(fileName, new Error('exceljs gave no worksheet reader'));
    try {
      for await (const row of event.value) {
        const cells = rowCells(row, fileName);
        if (!isBlankRow(cells)) yield { rowNumber: row.number, cells };
      }
    } catch (error) {
      throw asInputError(fileName, error);
    }
  } finally {
    pkg.close();
  }
}
