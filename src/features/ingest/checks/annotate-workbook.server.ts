import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { ImportInputError } from './import-input-error.ts';
import { pickHeaderRow } from '../mapping/recognize-headers.ts';
import { detectUpload } from '../detect/detect-upload.server.ts';
import { cellText } from '../readers/xlsx-cell-text.ts';
import { inflateEntry, openZip, zipEntries } from '../readers/zip-archive.server.ts';
import { InflateBudget, type ZipLimits } from '../readers/zip-limits.server.ts';
import { assertZipWithinLimits } from '../readers/zip-source.server.ts';
import { XLSX_LIMITS } from '../readers/xlsx-rows.server.ts';
import { MAX_ANNOTATED_ROWS } from './may-annotate.ts';

export interface ReportedProblem {
  severity: 'error' | 'warning';
  rowNumber: number | null;
  column: string | null;
  value: string | null;
  expected: string | null;
  message: string;
}

export interface AnnotationInput {
  /** The uploaded file: an .xlsx, or a ZIP holding one (with the images). */
  path: string;
  fileName: string;
  /** The sheet that was read (null: the first). */
  sheet: string | null;
  /** The header of the SKU column (from the revision's column roles), for problems about a whole row. */
  skuHeader: string | null;
  /** Rows the upload had, as read when it was checked. */
  rowsRead: number;
  problems: readonly ReportedProblem[];
}

// Workbooks are loaded whole to be written back with their formatting (exceljs holds every cell
// as an object, some hundred bytes each); beyond these, the CSV report is the way.
export const MAX_ANNOTATED_BYTES = 10 * 1024 * 1024;
const FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C' } as const;
const LOOK_AHEAD = 10;
// exceljs inflates the whole workbook into memory: its parts are checked first, under a total
// that memory can hold (reading rows inflates only the parts it needs, under XLSX_LIMITS).
const ANNOTATED_LIMITS: Partial<ZipLimits> = { ...XLSX_LIMITS, maxTotalBytes: 256 * 1024 ** 2 };

/** The workbook inside an upload ZIP, inflated (with the usual limits) into `dir`. */
async function workbookInZip(path: string, fileName: string, dir: string): Promise<string> {
  const zip = await openZip(path, fileName);
  try {
    for await (const entry of zipEntries(zip, fileName)) {
      if (entry.isFolder || extname(entry.path).toLowerCase() !== '.xlsx') continue;
      const target = join(dir, 'workbook.xlsx');
      await inflateEntry(zip, entry, new InflateBudget(fileName), createWriteStream(target));
      return target;
    }
  } finally {
    zip.close();
  }
  throw new ImportInputError(`"${fileName}" holds no Excel workbook to annotate.`, { fileName });
}

function uniqueSheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  let name = wanted;
  for (let n = 2; workbook.getWorksheet(name); n++) name = `${wanted} ${n}`;
  return name;
}

/** The sheet's columns by their header (as the upload was read), and the column that takes problems about a whole row. */
function columnsByHeader(sheet: ExcelJS.Worksheet, skuHeader: string | null): { columnOf: Map<string, number>; rowCellColumn: number } {
  const firstRows = Array.from({ length: Math.min(LOOK_AHEAD, sheet.rowCount) }, (_, i) => {
    const row = sheet.getRow(i + 1);
    return Array.from({ length: row.cellCount }, (_, c) => cellText(row.getCell(c + 1).value, row.getCell(c + 1).numFmt).trim());
  }).filter((cells) => cells.some((c) => c !== ''));
  const headerCells = firstRows[pickHeaderRow(firstRows)] ?? [];
  const columnOf = new Map<string, number>();
  headerCells.forEach((header, i) => { if (header !== '' && !columnOf.has(header)) columnOf.set(header, i + 1); });
  return { columnOf, rowCellColumn: (skuHeader && columnOf.get(skuHeader)) || 1 };
}

/** Fills and notes the cells that have problems; returns each problem's cell address (null when no cell carries it). */
function markCells(sheet: ExcelJS.Worksheet, input: AnnotationInput): (string | null)[] {
  const { columnOf, rowCellColumn } = columnsByHeader(sheet, input.skuHeader);
  const byCell = new Map<string, { row: number; column: number; severity: 'error' | 'warning'; lines: string[] }>();
  const placed: (string | null)[] = input.problems.map((p) => {
    if (p.rowNumber === null || p.rowNumber < 1 || p.rowNumber > sheet.rowCount) return null;
    const column = (p.column !== null && columnOf.get(p.column.trim())) || rowCellColumn;
    const address = sheet.getCell(p.rowNumber, column).address;
    const entry = byCell.get(address) ?? { row: p.rowNumber, column, severity: p.severity, lines: [] };
    if (p.severity === 'error') entry.severity = 'error';
    entry.lines.push(`${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`);
    byCell.set(address, entry);
    return address;
  });
  for (const [, entry] of byCell) {
    const cell = sheet.getCell(entry.row, entry.column);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[entry.severity] } };
    cell.note = { texts: [{ text: entry.lines.join('\n') }] };
  }
  return placed;
}

/** The "Problems" sheet: every problem, with a link to its cell when it has one. */
function addProblemList(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, problems: readonly ReportedProblem[], placed: (string | null)[]): void {
  const list = workbook.addWorksheet(uniqueSheetName(workbook, 'Problems'), { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: 'Severity', width: 10 }, { header: 'Row', width: 8 }, { header: 'Column', width: 24 }, { header: 'Value', width: 24 },
    { header: 'Expected', width: 36 }, { header: 'Message', width: 90 }, { header: 'Cell', width: 10 },
  ];
  list.getRow(1).font = { bold: true };
  const quotedSheet = `'${sheet.name.replace(/'/g, "''")}'`;
  problems.forEach((p, i) => {
    const address = placed[i];
    list.addRow([p.severity, p.rowNumber, p.column, p.value, p.expected, p.message, address ? { text: address, hyperlink: `#${quotedSheet}!${address}` } : null]);
  });
  list.autoFilter = { from: 'A1', to: 'G1' };
}

/**
 * The supplier's own workbook back with the problems of its upload marked: each cell with a
 * problem filled (red for errors, yellow for warnings) and a note saying what is wrong and what
 * was expected; problems about a whole row go on its SKU cell. A "Problems" sheet lists every
 * problem with a link to its cell, including those no cell can carry. Everything else in the
 * workbook (other sheets, formulas, formatting) is kept as it was.
 */
export async function annotateWorkbook(input: AnnotationInput): Promise<Buffer> {
  const { fileName } = input;
  const size = (await stat(input.path)).size;
  if (size > MAX_ANNOTATED_BYTES || input.rowsRead > MAX_ANNOTATED_ROWS) {
    const what = size > MAX_ANNOTATED_BYTES ? `over ${MAX_ANNOTATED_BYTES / 1024 / 1024} MB` : `over ${MAX_ANNOTATED_ROWS.toLocaleString('en')} rows`;
    throw new ImportInputError(`"${fileName}" is too large to be marked up (${what}); download the report as CSV instead.`, { fileName });
  }
  let dir: string | undefined;
  try {
    let path = input.path;
    const upload = await detectUpload(path, { fileName });
    if (upload.kind !== 'zip') throw new ImportInputError(`"${fileName}" is not an Excel workbook.`, { fileName });
    if (upload.holds !== 'xlsx') {
      dir = await mkdtemp(join(tmpdir(), 'vitrine-annotate-'));
      path = await workbookInZip(path, fileName, dir);
    }
    await assertZipWithinLimits(path, { fileName, limits: ANNOTATED_LIMITS });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = input.sheet ? workbook.getWorksheet(input.sheet) : workbook.worksheets[0];
    if (!sheet) throw new ImportInputError(`"${fileName}" no longer has the sheet that was read.`, { fileName });
    addProblemList(workbook, sheet, input.problems, markCells(sheet, input));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
}
