import type { Download } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';

/** The bytes of a finished download. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

/** A downloaded XLSX opened with exceljs, as a spreadsheet program would read it. */
export async function downloadWorkbook(download: Download): Promise<ExcelJS.Workbook> {
  const bytes = await downloadBytes(download);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}
