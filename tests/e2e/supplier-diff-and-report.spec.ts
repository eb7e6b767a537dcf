import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { signIn, expectAccessible } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { downloadLiveCsv, tableCsv, uploadAndWait } from './supplier-support/fasteners-edit.ts';

// Acme edits its own Fasteners 2027 download and uploads it again: the diff names every changed
// field with its old and new value, and a row left out by an error is not called removed; the
// check report's rows are the rows a spreadsheet shows, each with its SKU. On a server of its
// own: the uploads add revisions to a demo catalog.

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer();
});
test.afterAll(async () => { await server?.stop(); });

test('the diff shows old → new for every field, and a row with an error as left out', async ({ browser }) => {
  test.setTimeout(180_000);
  const supplier = await signIn(browser, 'supplier@acme.test', { baseURL: server.baseURL });
  const table = await downloadLiveCsv(supplier, 'Fasteners 2027');
  const col = (name: string) => { const i = table.col(name); expect(i, name).toBeGreaterThanOrEqual(0); return i; };
  const breakCol = table.header.findIndex((h) => /^Price 50\+$/.test(h));
  const edited = table.rows.findIndex((r) => r[col('Images')] !== '' && r[col('GTIN')] !== '' && r[breakCol] !== '' && r[col('Material')] !== '');
  const row = table.rows[edited]!;
  const old = [...row];
  row[col('Name')] = `${old[col('Name')]} (new finish)`;
  row[col('Description')] = 'Now with a black finish.';
  row[col('Unit')] = 'Box';
  row[col('GTIN')] = '';
  row[col('Category')] = 'Screws > Special screws';
  row[col('Material')] = 'Edelstahl';
  row[col('Images')] = '';
  row[breakCol] = '1.00';
  const broken = table.rows[edited + 3]!;
  broken[col('Price')] = 'about ten';
  const brokenRow = edited + 3 + 2; // the header is row 1

  const revisionUrl = await uploadAndWait(supplier, 'fasteners-edited.csv', tableCsv(table), 'Checked, with errors');
  await supplier.goto(`${revisionUrl}/diff?kind=changed`);
  const changed = supplier.getByRole('row').filter({ has: supplier.getByRole('cell', { name: old[col('SKU')], exact: true }) });
  const what = changed.getByRole('listitem');
  await expect(what).toHaveText([
    `name: ${old[col('Name')]} → ${old[col('Name')]} (new finish)`,
    `description: ${old[col('Description')]} → Now with a black finish.`,
    `category: ${old[col('Category')]} → Screws > Special screws`,
    `unit: ${old[col('Unit')]} → Box`,
    new RegExp(`^quantity breaks: from 10: €[\\d.]+; from 50: €${old[breakCol]!.replace('.', '\\.')} → from 10: €[\\d.]+; from 50: €1\\.00$`),
    `GTIN: ${old[col('GTIN')]} → (empty)`,
    new RegExp(`^attributes: .*Material: ${old[col('Material')]}.* → .*Material: Edelstahl`),
    'images: 1 image → none',
  ]);
  await expectAccessible(supplier);

  await supplier.goto(`${revisionUrl}/diff?kind=removed`);
  const leftOut = supplier.getByRole('row').filter({ has: supplier.getByRole('cell', { name: broken[col('SKU')], exact: true }) });
  await expect(leftOut.getByRole('cell').first()).toHaveText(`Left out (error in row ${brokenRow})`);
  await expect(supplier.getByRole('cell', { name: 'Removed', exact: true })).toHaveCount(0);
});

test('the check report counts rows as a spreadsheet shows them, line breaks inside cells and all, and names each row\'s SKU', async ({ browser }) => {
  test.setTimeout(180_000);
  const supplier = await signIn(browser, 'supplier@acme.test', { baseURL: server.baseURL });
  await supplier.goto('/supplier');
  await supplier.getByRole('link', { name: 'Fasteners 2027', exact: true }).click();
  const lines = [
    'SKU,Name,Description,Category,Unit,Price',
    'LB-1,"Hex bolt, long","Line one\nline two\nline three",Bolts,Piece,1.00',
    'LB-2,Hex nut,"First paragraph\r\n\r\nSecond paragraph",Nuts,Piece,0.50',
    'LB-3,Washer,Plain,Washers,Piece,ten euros',
    'LB-4,"Spring\nwasher",Plain,Washers,Piece,0.20',
    ',Nameless,Plain,Washers,Piece,0.30',
    'LB-7,Cotter pin,"A\nB\nC\nD",Pins,Piece,not a price',
  ];
  const csv = Buffer.from(lines.join('\r\n') + '\r\n');
  const revisionUrl = await uploadAndWait(supplier, 'line-breaks.csv', csv, 'Checked, with errors');
  await supplier.goto(`${revisionUrl}/report?severity=error`);
  const table = supplier.getByRole('table');
  const rowOf = (n: number) => table.getByRole('row').filter({ has: supplier.getByRole('cell', { name: String(n), exact: true }) });
  // Row 4 is LB-3 in a spreadsheet (its text line is 8), row 6 the row without a SKU (line 11).
  await expect(table.getByRole('columnheader', { name: 'SKU' })).toBeVisible();
  await expect(rowOf(4).getByRole('cell').nth(2)).toHaveText('LB-3');
  await expect(rowOf(4)).toContainText('Row 4, column "Price"');
  await expect(rowOf(6).getByRole('cell').nth(2)).toHaveText('—');
  await expect(rowOf(6)).toContainText('the SKU is missing');
  // LB-7 is row 7 (its text line is 12).
  await expect(rowOf(7).getByRole('cell').nth(2)).toHaveText('LB-7');
  await expect(rowOf(12)).toHaveCount(0);
  await expectAccessible(supplier);

  const download = supplier.waitForEvent('download');
  await supplier.getByRole('link', { name: 'Download the report as CSV' }).click();
  const text = await readFile((await (await download).path())!, 'utf8');
  expect(text).toContain('error,4,LB-3,Price,ten euros');
});
