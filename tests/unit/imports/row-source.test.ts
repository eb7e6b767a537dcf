import { mkdir, readdir } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { checkImage } from '#features/ingest/images/check-image.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { openRowSource } from '#features/ingest/readers/row-source.server.ts';
import { collect, rejection, useTempDir } from './helpers.ts';

const tmp = useTempDir();

async function xlsxBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Preise');
  sheet.getCell('A1').value = 'Preisliste 2027';
  sheet.getRow(3).values = ['Artikelnummer', 'Bezeichnung', 'Preis', 'Bild'];
  sheet.getRow(4).values = ['A-1', 'Schraube', 12.5, 'img/A-1.JPG'];
  sheet.getRow(5).values = ['A-2', 'Mutter', 0.99, ''];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function zipBytes(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function tempRoot(): Promise<string> {
  const root = tmp.path(`root-${Math.random().toString(36).slice(2)}`);
  await mkdir(root);
  return root;
}

describe('openRowSource', () => {
  test('a CSV upload gives its headers, a preview and the data rows', async () => {
    const path = await tmp.write('upload-1', 'SKU;Name;Preis\n1;Schraube;1,50\n2;Mutter;0,20\n');
    const source = await openRowSource(path, 'preise.csv');
    expect(source).toMatchObject({ kind: 'csv', priceListName: 'preise.csv', headers: ['SKU', 'Name', 'Preis'], headerRowNumber: 1, encoding: 'utf-8', delimiter: ';' });
    expect(source.preview.map((r) => r.cells[0])).toEqual(['1', '2']);
    expect(await collect(source.rows)).toEqual([{ rowNumber: 2, cells: ['1', 'Schraube', '1,50'] }, { rowNumber: 3, cells: ['2', 'Mutter', '0,20'] }]);
    await source.cleanup();
  });

  test('an .xlsx is recognized by content even when named .csv, and a title above the header is skipped', async () => {
    const path = await tmp.write('upload-2', await xlsxBytes());
    const source = await openRowSource(path, 'prices.csv');
    expect(source).toMatchObject({ kind: 'xlsx', headers: ['Artikelnummer', 'Bezeichnung', 'Preis', 'Bild'], headerRowNumber: 3 });
    expect((await collect(source.rows)).map((r) => [r.rowNumber, r.cells[2]])).toEqual([[4, '12.5'], [5, '0.99']]);
    await source.cleanup();
  });

  test('a ZIP upload unpacks price list and images into a temporary folder that cleanup removes', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).jpeg().toBuffer();
    const path = await tmp.write('upload-3', await zipBytes({ 'Katalog/preise.xlsx': await xlsxBytes(), 'Katalog/img/a-1.jpg': jpeg }));
    const root = await tempRoot();
    const source = await openRowSource(path, 'katalog.zip', { tempRoot: root });
    expect(source).toMatchObject({ kind: 'zip', priceListName: 'Katalog/preise.xlsx', headerRowNumber: 3 });
    const [first] = await collect(source.rows);
    const image = source.imageLookup!.find(first!.cells[3]!);
    expect(image.found).toBe(true);
    expect(image.found && (await checkImage(image.path))).toMatchObject({ ok: true, format: 'jpeg' });
    expect(await readdir(root)).toHaveLength(1);
    await source.cleanup();
    expect(await readdir(root)).toEqual([]);
  });

  test('a failed open leaves no temporary folder behind', async () => {
    const path = await tmp.write('upload-4', await zipBytes({ 'a.jpg': 'x' }));
    const root = await tempRoot();
    const error = await rejection(openRowSource(path, 'bilder.zip', { tempRoot: root }));
    expect(error.message).toBe('"bilder.zip": the ZIP holds no price list (.csv or .xlsx).');
    expect(await readdir(root)).toEqual([]);
  });

  test.each([
    ['a PDF renamed .csv', Buffer.from('%PDF-1.7\n'), 'prices.csv', '"prices.csv" cannot be read as a price list: it looks like a PDF document; upload a .csv or .xlsx file, or a .zip holding one of them and the images.'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'prices.xls', '"prices.xls" cannot be read as a price list: it looks like an old-style Microsoft Office file (.xls or .doc); save it in Excel as "Excel Workbook (.xlsx)" or as CSV.'],
    ['an empty file', Buffer.alloc(0), 'prices.csv', '"prices.csv": the file is empty.'],
    ['only blank lines', Buffer.from('\n;;;\r\n\n'), 'prices.csv', '"prices.csv": the file is empty (it has no rows with values).'],
    ['a header only', Buffer.from('SKU;Name;Preis\n\n'), 'prices.csv', '"prices.csv": the file has a header row but no data rows.'],
  ])('%s is refused with a clear message', async (_label, bytes, name, message) => {
    const path = await tmp.write(`upload-${name}-${bytes.length}`, bytes);
    const error = await rejection(openRowSource(path, name));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe(message);
  });

  test('a PDF inside a ZIP is named with the ZIP', async () => {
    const path = await tmp.write('upload-5', await zipBytes({ 'prices.csv': '%PDF-1.7\n' }));
    const error = await rejection(openRowSource(path, 'upload.zip', { tempRoot: await tempRoot() }));
    expect(error.message).toMatch(/^"prices\.csv" \(in "upload\.zip"\) cannot be read as a price list: it looks like a PDF document/);
  });

  test('an OpenDocument spreadsheet is refused', async () => {
    const path = await tmp.write('upload-6', await zipBytes({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }));
    const error = await rejection(openRowSource(path, 'preise.ods'));
    expect(error.message).toBe('"preise.ods" is an OpenDocument file (.ods), not a price list; save it as .xlsx or .csv.');
  });
});
