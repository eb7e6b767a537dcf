import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { cellText, formatExcelNumber } from '#features/ingest/readers/xlsx-cell-text.ts';
import { listSheetNames, xlsxRows } from '#features/ingest/readers/xlsx-rows.server.ts';
import { collect, rejection, useTempDir } from './helpers.ts';

const tmp = useTempDir();

async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const path = await tmp.write(name, '');
  await workbook.xlsx.writeFile(path);
  return path;
}

const pricesWorkbook = () => writeWorkbook('prices.xlsx', (workbook) => {
  const sheet = workbook.addWorksheet('Preise');
  sheet.getCell('A1').value = 'Preisliste 2027';
  sheet.getRow(3).values = ['SKU', 'Name', 'Preis', 'EAN', 'Gültig ab', 'Formel', 'Klein', 'Aktiv'];
  sheet.getRow(4).values = ['A-1', 'Schraube', 12.5, 4006381333931, new Date(Date.UTC(2027, 0, 15)), { formula: '0.1+0.2', result: 0.30000000000000004 }, 1e-7, true];
  sheet.getRow(6).values = [1001, { richText: [{ text: 'Dübel ' }, { text: 'fett', font: { bold: true } }] }, 1234567.891, 12345678, new Date(Date.UTC(2027, 5, 1, 13, 30)), { error: '#N/A' }, -0.5, false];
  sheet.getCell('D6').numFmt = '0000000000000';
  const other = workbook.addWorksheet('Notes');
  other.getCell('B2').value = 'only notes';
});

describe('xlsxRows', () => {
  test('reads the first sheet with typed cells, skipping blank rows, numbered as in Excel', async () => {
    const rows = await collect(xlsxRows(await pricesWorkbook()));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Preisliste 2027'] },
      { rowNumber: 3, cells: ['SKU', 'Name', 'Preis', 'EAN', 'Gültig ab', 'Formel', 'Klein', 'Aktiv'] },
      { rowNumber: 4, cells: ['A-1', 'Schraube', '12.5', '4006381333931', '2027-01-15', '0.3', '0.0000001', 'TRUE'] },
      { rowNumber: 6, cells: ['1001', 'Dübel fett', '1234567.891', '0000012345678', '2027-06-01T13:30:00', '#N/A', '-0.5', 'FALSE'] },
    ]);
  });

  test('reads a sheet by name, with cells left of the first value kept as empty strings', async () => {
    const rows = await collect(xlsxRows(await pricesWorkbook(), { sheet: 'Notes' }));
    expect(rows).toEqual([{ rowNumber: 2, cells: ['', 'only notes'] }]);
  });

  test('a missing sheet is an input error listing the sheets there are', async () => {
    const error = await rejection(collect(xlsxRows(await pricesWorkbook(), { sheet: 'Tabelle1', fileName: 'Preise.xlsx' })));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"Preise.xlsx" has no sheet named "Tabelle1"; its sheets are "Preise", "Notes".');
  });

  test('lists sheet names in tab order', async () => {
    expect(await listSheetNames(await pricesWorkbook())).toEqual(['Preise', 'Notes']);
  });

  test('a damaged workbook is an input error', async () => {
    const good = await pricesWorkbook();
    const bytes = await readFile(good);
    const path = await tmp.write('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await rejection(collect(xlsxRows(path, { fileName: 'cut.xlsx' })));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain('"cut.xlsx"');
  });

  test('reads a workbook whose parts come in the other order (workbook and shared strings first)', async () => {
    const original = await JSZip.loadAsync(await readFile(await pricesWorkbook()));
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const names = Object.keys(original.files).filter((n) => !original.files[n]!.dir);
    const reordered = new JSZip();
    for (const name of [...first, ...names.filter((n) => !first.includes(n))]) reordered.file(name, await original.file(name)!.async('nodebuffer'));
    const path = await tmp.write('reordered.xlsx', await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const rows = await collect(xlsxRows(path, { sheet: 'Preise' }));
    expect(rows[2]!.cells.slice(0, 5)).toEqual(['A-1', 'Schraube', '12.5', '4006381333931', '2027-01-15']);
    expect(await collect(xlsxRows(path, { sheet: 'Notes' }))).toEqual([{ rowNumber: 2, cells: ['', 'only notes'] }]);
  });

  test('stopping early, or reading only the sheet names, leaves nothing in the temporary folder', async () => {
    const path = await pricesWorkbook();
    const spooled = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = await spooled();
    for await (const row of xlsxRows(path)) if (row.rowNumber >= 3) break;
    await listSheetNames(path);
    await collect(xlsxRows(path, { sheet: 'Notes' }));
    expect(await spooled()).toEqual(before);
  });

  test('finds sheets through the workbook relationships, whatever their parts are called', async () => {
    const original = await JSZip.loadAsync(await readFile(await pricesWorkbook()));
    const renamed = new JSZip();
    for (const [name, file] of Object.entries(original.files)) {
      if (file.dir) continue;
      let bytes = await file.async('nodebuffer');
      if (name === 'xl/_rels/workbook.xml.rels' || name === '[Content_Types].xml') {
        bytes = Buffer.from(bytes.toString('utf8').replaceAll('worksheets/sheet1.xml', 'worksheets/Preisliste.xml'));
      }
      renamed.file(name === 'xl/worksheets/sheet1.xml' ? 'xl/worksheets/Preisliste.xml' : name, bytes);
    }
    const path = await tmp.write('renamed.xlsx', await renamed.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const rows = await collect(xlsxRows(path));
    expect(rows[2]!.cells.slice(0, 2)).toEqual(['A-1', 'Schraube']);
  });

  test('text with accents, symbols and emoji comes through whole however the inflated bytes are cut', async () => {
    // Thousands of names, almost every character two to four bytes long, in the shared strings
    // and (as a formula's last result) in the sheet itself: both parts are inflated in chunks,
    // and many chunk ends fall inside a character.
    const name = (i: number) => `Größe Ø ${i} – für Weichholz, verzinkt ≥ 4 € · 螺丝 🔩`;
    const path = await writeWorkbook('accents.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Preise');
      sheet.addRow(['SKU', 'Name', 'Label']);
      for (let i = 1; i <= 4000; i++) sheet.addRow([`S${i}`, name(i), { formula: `B${i + 1}`, result: name(i) }]);
    });
    const rows = await collect(xlsxRows(path));
    expect(rows).toHaveLength(4001);
    const garbled = rows.slice(1).filter((r, i) => r.cells[1] !== name(i + 1) || r.cells[2] !== name(i + 1));
    expect(garbled.map((r) => r.cells.slice(1))).toEqual([]);
  });

  test('a workbook that unpacks past the limits is refused, naming the limit', async () => {
    const path = await writeWorkbook('big.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Data');
      for (let i = 1; i <= 3000; i++) sheet.addRow([`S${i}`, 'x'.repeat(200)]);
    });
    const error = await rejection(collect(xlsxRows(path, { fileName: 'big.xlsx', limits: { maxTotalBytes: 200_000 } })));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"big.xlsx" unpacks to more than 195.3 KB \(stopped at "xl\/worksheets\/sheet1.xml"\)/);
  });

  test('reads a workbook with many rows', async () => {
    const path = await writeWorkbook('many.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['sku', 'price']);
      for (let i = 1; i <= 5000; i++) sheet.addRow([`S${i}`, i / 100]);
    });
    const rows = await collect(xlsxRows(path));
    expect(rows).toHaveLength(5001);
    expect(rows[5000]).toEqual({ rowNumber: 5001, cells: ['S5000', '50'] });
    expect(rows[123]!.cells[1]).toBe('1.23');
  });
});

describe('formatExcelNumber', () => {
  test.each([
    [12.5, '12.5'], [0.30000000000000004, '0.3'], [12.300000000000001, '12.3'], [4006381333931, '4006381333931'],
    [1e-7, '0.0000001'], [-0.5, '-0.5'], [1e21, '1000000000000000000000'], [123456789012.345, '123456789012.345'], [0, '0'],
  ])('%s → %s', (value, text) => {
    expect(formatExcelNumber(value)).toBe(text);
  });
});

describe('cellText', () => {
  test('hyperlinks give their text, shared formulas their result', () => {
    expect(cellText({ text: 'site', hyperlink: 'https://example.com' })).toBe('site');
    expect(cellText({ sharedFormula: 'A1', result: 3 })).toBe('3');
    expect(cellText(null)).toBe('');
    expect(cellText({ formula: 'NA()', result: Number.NaN })).toBe('#ERROR');
  });
});
