import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { openDemoCatalogs, type World } from './world.ts';
import { catalogBySlug } from '#features/browse/browse-request.server.ts';
import { catalogExportTable } from '#features/exports/catalog-export.server.ts';
import { listExportFile } from '#features/exports/list-export-file.server.ts';
import { tableExportFile } from '#features/exports/table-export-file.server.ts';
import { exportFileResponse } from '#features/exports/export-file.server.ts';
import { neutralizeCell } from '#features/exports/neutralize-cell.ts';
import { countVisibleItems } from '#features/visibility/visible-items.server.ts';
import { addToList } from '#features/lists/add-to-list.server.ts';
import { createList } from '#features/lists/lists.server.ts';
import { loadPricedList } from '#features/lists/priced-list.server.ts';

type Row = Record<string, string>;

async function csvOf(response: Response): Promise<Row[]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
  return parse(new TextDecoder().decode(bytes), { columns: true, skip_empty_lines: true }) as Row[];
}

async function sheetOf(response: Response): Promise<{ headers: string[]; rows: ExcelJS.Row[]; sheet: ExcelJS.Worksheet }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row, n) => { if (n > 1) rows.push(row); });
  return { headers, rows, sheet };
}

describe('exports as the buyer sees the catalog', () => {
  let w: World;
  const now = new Date();
  const exportOf = async (email: string, slug: string, format: 'csv' | 'xlsx') => {
    const request = await w.browse(email);
    const catalog = catalogBySlug(request, slug)!;
    return exportFileResponse(await tableExportFile(await catalogExportTable(w.db, request.context(), catalog), format, `${slug} ${request.customer.name}`, now));
  };

  beforeAll(async () => { w = await openDemoCatalogs(); }, 120_000);
  afterAll(() => w.close());

  test('the CSV holds exactly the buyer\'s items at their prices, with their quantity breaks', async () => {
    const request = await w.browse('buyer@globex.test');
    const indoor = catalogBySlug(request, 'indoor-lighting-2027')!;
    const response = await exportOf('buyer@globex.test', 'indoor-lighting-2027', 'csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="indoor-lighting-2027-globex-manufacturing-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = await csvOf(response);
    expect(rows.length).toBe((await countVisibleItems(w.db, request.context())).get(indoor.id));
    expect(rows.some((r) => r.Category!.startsWith('Lamps > LED tubes'))).toBe(false);
    const withBreak = rows.find((r) => r['Break 1 from quantity'] !== '')!;
    const list = Math.round(Number(withBreak['List price']) * 100);
    expect(Math.round(Number(withBreak['Your price']) * 100)).toBe(Math.round(list * 0.95));
    expect(withBreak['Break 1 from quantity']).toBe('10');
    expect(withBreak.Currency).toBe('EUR');
    expect(withBreak.Supplier).toBe('Bright Lighting');
    // Initech sees the LED tubes Globex does not, at 8% off.
    const initech = await csvOf(await exportOf('buyer@initech.test', 'indoor-lighting-2027', 'csv'));
    expect(initech.length).toBeGreaterThan(rows.length);
    const tube = initech.find((r) => r.Category!.startsWith('Lamps > LED tubes'))!;
    expect(Math.round(Number(tube['Your price']) * 100)).toBe(Math.round(Math.round(Number(tube['List price']) * 100) * 0.92));
  });

  test('the XLSX has the same rows, prices as numbers with the currency\'s decimals', async () => {
    const csv = await csvOf(await exportOf('buyer@globex.test', 'fasteners-2027', 'csv'));
    const response = await exportOf('buyer@globex.test', 'fasteners-2027', 'xlsx');
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { headers, rows } = await sheetOf(response);
    expect(headers.slice(0, 8)).toEqual(['SKU', 'Name', 'Category', 'Unit', 'Minimum order', 'Currency', 'List price', 'Your price']);
    expect(rows.length).toBe(csv.length);
    const first = rows[0]!;
    expect(first.getCell(1).value).toBe(csv[0]!.SKU);
    expect(typeof first.getCell(8).value).toBe('number');
    expect(first.getCell(8).value).toBe(Number(csv[0]!['Your price']));
    expect(first.getCell(8).numFmt).toBe('#,##0.00');
  });

  test('cells a spreadsheet would run as formulas are neutralized in CSV and XLSX', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","Click")', '+1+2', '-2+3', '@SUM(A1:A9)', '\tTabbed', '\rReturn'];
    const rows = (await w.liveRows('fasteners-2027')).slice(0, hostile.length).map((r, n) => ({ ...r, name: hostile[n]! }));
    await w.publishRows('fasteners-2027', [...rows, ...(await w.liveRows('fasteners-2027')).slice(hostile.length)]);
    const csv = await csvOf(await exportOf('buyer@globex.test', 'fasteners-2027', 'csv'));
    const names = new Map(csv.map((r) => [r.SKU, r.Name]));
    const { rows: sheetRows } = await sheetOf(await exportOf('buyer@globex.test', 'fasteners-2027', 'xlsx'));
    const sheetNames = new Map(sheetRows.map((r) => [String(r.getCell(1).value), r.getCell(2).value]));
    const stored = new Map((await w.db.all<{ sku: string; name: string }>(sql`SELECT sku, name FROM items WHERE revision_id = ${(await w.catalog('fasteners-2027')).live}`)).map((r) => [r.sku, r.name]));
    for (const row of rows.slice(0, 4)) {
      // "=…", "+…", "-…", "@…" reach the file with an apostrophe in front, in both formats.
      expect(names.get(row.sku)).toBe(`'${row.name}`);
      expect(sheetNames.get(row.sku)).toBe(`'${row.name}`);
    }
    for (const row of rows.slice(4)) {
      // The importer already trims a leading tab or carriage return; whatever is stored is exported safely.
      const name = stored.get(row.sku)!;
      expect(names.get(row.sku)).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
    }
    for (const [, row] of sheetRows.entries()) expect(row.getCell(2).formula).toBeUndefined();
  });

  test('neutralizing leaves ordinary text alone', () => {
    expect(neutralizeCell('Wood screw, M3 = 3 mm')).toBe('Wood screw, M3 = 3 mm');
    expect(neutralizeCell('')).toBe('');
    expect(neutralizeCell('=1')).toBe("'=1");
    expect(neutralizeCell('\tTabbed')).toBe("'\tTabbed");
    expect(neutralizeCell('\r=1')).toBe("'\r=1");
  });

  test('a requisition list downloads with SKU and quantity first, at the buyer\'s prices', async () => {
    const greta = await w.user('buyer@globex.test');
    const ctx = (await w.browse('buyer@globex.test')).context();
    const [a, b] = (await w.liveRows('indoor-lighting-2027')).filter((r) => !r.category.startsWith('Lamps > LED tubes'));
    const list = await createList(w.db, greta.id, 'For the ERP', now);
    await addToList(w.db, ctx, greta.id, { listId: list.id, catalogSlug: 'indoor-lighting-2027', sku: a!.sku, quantity: 3 }, now);
    await addToList(w.db, ctx, greta.id, { listId: list.id, catalogSlug: 'indoor-lighting-2027', sku: b!.sku, quantity: 12 }, now);
    const priced = await loadPricedList(w.db, ctx, greta.id, list.id);
    const download = async (format: string, user = greta, id = String(list.id)) => {
      const file = await listExportFile(w.db, { user, list: id, format, at: now.toISOString() });
      return file && exportFileResponse(file);
    };
    const csvResponse = (await download('csv'))!;
    expect(csvResponse.headers.get('content-disposition')).toBe(`attachment; filename="list-for-the-erp-${now.toISOString().slice(0, 10)}.csv"`);
    const csv = await csvOf(csvResponse);
    expect(Object.keys(csv[0]!).slice(0, 2)).toEqual(['SKU', 'Quantity']);
    expect(csv.map((r) => [r.SKU, r.Quantity])).toEqual([[a!.sku, '3'], [b!.sku, '12']]);
    expect(csv.map((r) => Math.round(Number(r['Line total']) * 100))).toEqual(priced.lines.map((l) => l.lineTotalMinor));
    const { rows } = await sheetOf((await download('xlsx'))!);
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual([[a!.sku, 3], [b!.sku, 12]]);
    // Another buyer's list, a list that does not exist and an unknown format are not found.
    expect(await download('csv', await w.user('buyer@initech.test'))).toBeNull();
    expect(await download('csv', greta, '999999')).toBeNull();
    expect(await download('pdf')).toBeNull();
  });
});
