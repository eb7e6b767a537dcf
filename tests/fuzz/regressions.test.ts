import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { descriptionText } from '#features/ingest/readers/html-text.ts';
import { openItemSource } from '#features/ingest/pipeline/open-item-source.server.ts';
import { openTempDatabase } from '#tests/support/temp-database.ts';
import { detectDelimiter } from '#features/ingest/readers/csv-rows.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { recognizeHeaders } from '#features/ingest/mapping/recognize-headers.ts';
import { checkColumnChoice } from '#features/catalogs/remap-columns.server.ts';
import { openRowSource } from '#features/ingest/readers/row-source.server.ts';
import { validateRow } from '#features/ingest/checks/validate-row.ts';
import { xlsxRows } from '#features/ingest/readers/xlsx-rows.server.ts';
import { extractZip } from '#features/ingest/readers/zip-source.server.ts';
import { buildZip } from './support/zip-writer.ts';
import { xlsxParts, zipParts, type XlsxRecipe } from './support/seeds/xlsx.ts';

// The shrunk counterexamples the fuzz tests found, kept as plain tests (see the note in
// tests/fuzz/README.md for what each one broke before its fix).
const dir = await mkdtemp(join(tmpdir(), 'vitrine-fuzz-regressions-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
let counter = 0;
const write = async (bytes: string | Uint8Array) => { const path = join(dir, `file-${++counter}`); await writeFile(path, bytes); return path; };
const rejection = async (promise: Promise<unknown>) => { try { await promise; } catch (e) { return e as Error; } throw new Error('expected a rejection'); };

const table = { columns: [{ kind: 'sku' as const, header: 0 }, { kind: 'name' as const, header: 0 }, { kind: 'price' as const, header: 0 }], rows: [['A-1', 'Anchor', '1.00']], title: false, blankLines: 0 };
const workbook = (changes: Partial<XlsxRecipe> = {}) => xlsxParts({ table, styles: ['shared'], refs: 'normal', sheetName: 'Prices', broken: 'none', doctype: 'none', ...changes });

describe('fuzz findings', () => {
  test('a column headed "__proto__" or "constructor" is an attribute like any other (was: TypeError text.trim)', async () => {
    const path = await write('SKU,Name,Price,__proto__,constructor\nA-1,Anchor,1.00,red,steel\n');
    const source = await openRowSource(path, 'prices.csv');
    try {
      const mapping = recognizeHeaders(source.headers, {});
      expect(mapping.missing).toEqual([]);
      const { item } = validateRow(source.preview[0]!.cells, mapping, 'EUR', 2);
      expect(Object.entries(item!.attributes)).toEqual([['__proto__', 'red'], ['constructor', 'steel']]);
      expect(JSON.parse(JSON.stringify(item!.attributes))).toEqual(JSON.parse('{"__proto__":"red","constructor":"steel"}'));
    } finally {
      await source.cleanup();
    }
    // A form posting a "__proto__" field (JSON.parse makes it an own key, as form parsing does).
    const chosen = JSON.parse('{"SKU":"sku","Name":"name","Price":"price","__proto__":"ignore"}') as Record<string, string>;
    expect(Object.entries(checkColumnChoice(['SKU', 'Name', 'Price', '__proto__'], chosen))).toEqual([['SKU', 'sku'], ['Name', 'name'], ['Price', 'price'], ['__proto__', 'ignore']]);
  });

  test('a CIF FIELDNAMES line with text after a quote is refused at that line (was: csv-parse\'s "Invalid Closing Quote" Error)', async () => {
    const temp = await openTempDatabase();
    try {
      const path = await write('CIF_I_V3.0\nCHARSET: UTF-8\nFIELDNAMES:=HYPERLINK("http://x","y") Supplier ID,Supplier Part ID,Item Description,Unit Price\nDATA\nENDOFDATA\n');
      const error = await rejection(openItemSource(path, 'catalog.cif', { db: temp.database.db, mediaDir: temp.mediaDir, now: new Date(), catalog: { id: 1, name: 'C', currency: 'EUR', liveRevisionId: null } }));
      expect(error).toBeInstanceOf(ImportInputError);
      expect(error.message).toBe('"catalog.cif": line 3 (FIELDNAMES) has a quote in the wrong place; quote a field name whole, such as "Unit Price".');
    } finally {
      temp.close();
    }
  });

  test('"&valueOf;" in a description stays text (was: the source of Object.prototype.valueOf)', () => {
    expect(descriptionText('<p>a &valueOf; b &toString; &amp;</p>')).toBe('a &valueOf; b &toString; &');
  });

  test('a title row above a semicolon table keeps the semicolon (was: read as one column, every file "needs mapping")', () => {
    expect(detectDelimiter('Preisliste 2027\n\nSKU;Name;Preis\nA-1;Anker;1,00\nA-2;Bolzen;2,50\n')).toBe(';');
    expect(detectDelimiter('Price list 2027 — net, EUR\nSKU;Name;Price;Unit\nA-1;x, y;1.00;piece\n')).toBe(';');
  });

  test('an .xlsx whose local header disagrees with its central directory is refused as damaged (was: exceljs never answered)', async () => {
    const zip = zipParts(workbook());
    const bytes = Buffer.from(zip.bytes);
    const styles = zip.localOffsets[5]!; // xl/styles.xml, in Excel's part order
    expect(bytes.toString('latin1', styles + 30, styles + 30 + 13)).toBe('xl/styles.xml');
    bytes.writeUInt32LE(bytes.readUInt32LE(styles + 18) + 7, styles + 18);
    const started = Date.now();
    const error = await rejection((async () => { for await (const row of xlsxRows(await write(bytes), { fileName: 'prices.xlsx' })) void row; })());
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"xl/styles.xml" in "prices.xlsx" is damaged or not a ZIP archive we can read (it may have been cut short during upload). Create the ZIP again and upload it.');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a ZIP entry whose bytes do not match its CRC-32 is refused as damaged (was: unpacked as if whole)', async () => {
    const zip = buildZip({ entries: [{ name: 'prices.csv', data: Buffer.from('SKU,Name,Price\nA-1,Anchor,1.00\n'), crc: 0x12345678 }] });
    const out = join(dir, `out-${++counter}`);
    const error = await rejection(extractZip(await write(zip.bytes), out, { fileName: 'upload.zip' }));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"prices.csv" in "upload.zip" is damaged/);
  });

  test('a sheet stored before its shared strings reads its text (was: refused, or read as blank cells)', async () => {
    const parts = workbook();
    const stylesFirst = Object.fromEntries(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].map((n) => [n, parts[n]!]));
    const rows = [];
    for await (const row of xlsxRows(await write(zipParts(stylesFirst).bytes), { fileName: 'prices.xlsx' })) rows.push(row);
    expect(rows.at(-1)!.cells.slice(0, 2)).toEqual(['A-1', 'Anchor']);
  });

  test('cells that refer to shared strings the workbook lacks refuse it instead of reading blank cells (was: "the file is empty")', async () => {
    const { 'xl/sharedStrings.xml': _missing, ...parts } = workbook();
    const error = await rejection(openRowSource(await write(zipParts(parts).bytes), 'prices.xlsx'));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"prices.xlsx": row 1 refers to text the workbook does not hold/);
  });

  test('a damaged workbook leaves no spooled sheet behind in the temporary folder (was: kept until the server stopped)', async () => {
    const spooled = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`));
    const before = spooled().length;
    const error = await rejection(openRowSource(await write(zipParts(workbook({ broken: 'shared-strings-xml' })).bytes), 'prices.xlsx'));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(spooled().length).toBeLessThanOrEqual(before);
    expect(spooled()).toEqual([]);
  });
});
