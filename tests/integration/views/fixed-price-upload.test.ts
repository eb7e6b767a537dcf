import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openViewsWorld, type ViewsWorld } from './views-world.ts';
import { importFixedPrices } from '#features/views/edit-catalog-rules.server.ts';
import { getView } from '#features/views/view-records.server.ts';
import { catalogRulesOf } from '#features/views/rules-edit.ts';
import { ViewNotFound, ViewProblem } from '#features/views/view-problem.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('fixed prices uploaded as a file', () => {
  let w: ViewsWorld;
  let salesId: number;
  let viewId: number;
  let indoorId: number;
  // An upload as the action hands it over: the file saved under a temporary name, with its original name beside it.
  const upload = (fixture: string, mode: 'merge' | 'replace' = 'merge') => {
    const path = join(w.dir, `upload-${fixture}`);
    copyFileSync(join(FIXTURES, fixture), path);
    return importFixedPrices(w.db, viewId, indoorId, salesId, new Date(), { path, originalName: fixture, mode });
  };
  const fixedPrices = async () => catalogRulesOf((await getView(w.db, viewId)).draftRules, indoorId)?.fixedPrices ?? [];

  beforeAll(async () => {
    w = await openViewsWorld();
    salesId = (await w.user('sales@vitrine.test')).id;
    viewId = (await w.viewOf('globex-manufacturing')).id;
    indoorId = (await w.catalog('indoor-lighting-2027')).id;
  }, 120_000);
  afterAll(() => w.close());

  test('a file with bad rows changes nothing and reports each problem by row and column', async () => {
    const result = await upload('fixed-prices-with-errors.csv');
    expect(result.applied).toBe(false);
    expect(result.rowsRead).toBe(5);
    expect(result.problems.map((p) => [p.severity, p.rowNumber, p.column, p.value])).toEqual([
      ['error', 3, 'Festpreis', 'abc'],
      ['error', 4, 'Artikelnummer', ''],
      ['error', 5, 'Artikelnummer', 'BL-PAN-25W-27-W'],
      ['error', 6, 'Festpreis', '12 USD'],
    ]);
    expect(result.problems[0]!.message).toBe('Row 3, column "Festpreis": "abc" is not a valid price: it is not a number; expected an amount in EUR such as 12.50.');
    expect(result.problems[2]!.message).toContain('already has a price in row 2');
    expect(result.problems[3]!.message).toContain("this catalog's prices are in EUR");
    expect(await fixedPrices()).toEqual([]);
  });

  test('a clean file is applied with its quantity breaks; SKUs not in the live revision are kept with a warning', async () => {
    const result = await upload('fixed-prices.csv');
    expect(result).toMatchObject({ applied: true, count: 3 });
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'warning', rowNumber: 4, column: 'SKU', value: 'NOT-A-REAL-SKU' })]);
    expect(await fixedPrices()).toEqual([
      { sku: 'BL-PAN-25W-27-B', priceMinor: 2100 },
      { sku: 'BL-PAN-25W-27-W', priceMinor: 1990, tiers: [{ minQty: 10, priceMinor: 1850 }] },
      { sku: 'NOT-A-REAL-SKU', priceMinor: 500 },
    ]);
  });

  test('an Excel workbook is read by the same readers; "replace" drops the prices it does not list', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Prices');
    sheet.addRow(['Fixed prices for Globex, 2027']);
    sheet.addRow(['Artikelnummer', 'Preis', 'Staffelpreis ab 50']);
    sheet.addRow(['BL-PAN-25W-27-S', 17.5, 16]);
    const path = join(w.dir, 'prices.xlsx');
    await book.xlsx.writeFile(path);
    const result = await importFixedPrices(w.db, viewId, indoorId, salesId, new Date(), { path, originalName: 'prices.xlsx', mode: 'replace' });
    expect(result).toMatchObject({ applied: true, count: 1, problems: [] });
    expect(await fixedPrices()).toEqual([{ sku: 'BL-PAN-25W-27-S', priceMinor: 1750, tiers: [{ minQty: 50, priceMinor: 1600 }] }]);
  });

  test('a file that is no price list, or lacks a price column, is refused in words', async () => {
    const image = join(w.dir, 'prices.csv');
    copyFileSync(join(import.meta.dirname, '..', '..', '..', 'content', 'demo-catalogs', 'images', 'bl-pan-w.png'), image);
    await expect(importFixedPrices(w.db, viewId, indoorId, salesId, new Date(), { path: image, originalName: 'prices.csv', mode: 'merge' }))
      .rejects.toThrow(new ViewProblem('"prices.csv" cannot be read as a price list: it looks like a PNG image; upload a .csv or .xlsx file, or a .zip holding one of them and the images.', 'file'));
    const noPrice = join(w.dir, 'names.csv');
    writeFileSync(noPrice, 'SKU;Name\nBL-PAN-25W-27-W;Panel\n');
    const result = await importFixedPrices(w.db, viewId, indoorId, salesId, new Date(), { path: noPrice, originalName: 'names.csv', mode: 'merge' });
    expect(result.applied).toBe(false);
    expect(result.problems[0]!.message).toBe('Row 1: no column holds the price (e.g. "Price", "Fixed price" or "Preis"); the header row has "SKU", "Name".');
    await expect(importFixedPrices(w.db, viewId, 999, salesId, new Date(), { path: noPrice, originalName: 'names.csv', mode: 'merge' })).rejects.toThrow(ViewNotFound);
  });
});
