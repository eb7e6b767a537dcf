import { test, expect } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectAccessible, signIn } from './buyer-support/session.ts';
import { pdfPageTexts } from './buyer-support/pdf-text.ts';
import { downloadBytes, downloadWorkbook } from './buyer-support/downloads.ts';

// The whole catalog downloaded as the buyer sees it, and the print layout saved as a PDF.

test('the catalog downloads as CSV and XLSX with the buyer\'s items and prices only', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/indoor-lighting-2027');
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the catalog (CSV)' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^indoor-lighting-2027-globex-manufacturing-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await downloadBytes(csvDownload)).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = parse(text.slice(1), { columns: true }) as Array<Record<string, string>>;
  expect(rows).toHaveLength(611);
  expect(rows.some((r) => r.Category!.startsWith('Lamps > LED tubes'))).toBe(false);
  expect(rows.find((r) => r.SKU === 'BL-PAN-25W-27-W')).toMatchObject({ 'List price': '22.40', 'Your price': '21.28', Currency: 'EUR', GTIN: '5098700009800' });
  expect(rows.find((r) => r.SKU === 'BL-PAN-25W-27-B')).toMatchObject({ 'Break 1 from quantity': '10', 'Break 1 your price': '21.49' });

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the catalog (XLSX)' }).click()]);
  const workbook = await downloadWorkbook(xlsxDownload);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Indoor Lighting 2027');
  expect(sheet.rowCount).toBe(612);
  const skus = sheet.getColumn(1).values.slice(2).map(String);
  expect(skus).toEqual(rows.map((r) => r.SKU));
  const panel = sheet.getRow(2 + skus.indexOf('BL-PAN-25W-27-W'));
  expect(panel.getCell(8).value).toBe(21.28);
  expect(panel.getCell(8).numFmt).toBe('#,##0.00');
});

test('a category prints as a catalog: headings, SKUs, the buyer\'s prices, the date and revision', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/fasteners-2027/screws/wood-screws');
  await page.getByRole('link', { name: 'Print this category' }).click();
  await expect(page).toHaveURL(/\/catalogs\/fasteners-2027\/print\/screws\/wood-screws$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fasteners 2027: Wood screws' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible(); // its script ran (CSP allows our own files)
  // Every image is loaded before printing: nothing waits for scrolling.
  const lazy = await page.locator('main img[loading="lazy"]').count();
  expect(lazy).toBe(0);
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { polling: 250, timeout: 30_000 });
  const revision = (await page.locator('.print-title').innerText()).match(/revision (\d+)/)![1];

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  // Chromium's PDF text is glyph ids in compressed streams; pdfPageTexts maps them back to text.
  const pages = pdfPageTexts(pdf);
  const all = pages.join('\n');
  expect(pages.length).toBeGreaterThan(4);
  expect(pages[0]).toContain('Fasteners 2027: Wood screws');
  expect(pages[0]).toContain('Acme Fasteners · prices for Globex Manufacturing in EUR');
  expect(pages[0]).toContain('Northwind Supply · partners@northwind.test'); // the operator, from the settings
  expect(all).toContain(`revision ${revision}`);
  expect(all).toMatch(/Printed\s*\n?\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(all).toContain('Screws › Wood screws › Countersunk');
  expect(all).toContain('Screws › Wood screws › Pan head');
  expect(all).toContain('AF-WS-CS-3020-Z');
  expect(all).toContain('€3.35'); // its price for Globex: 10% off €3.72
  expect(all).not.toContain('Sign out');
});

test('the whole catalog prints with each top-level category on a new page', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/fasteners-2027/print');
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { polling: 250, timeout: 60_000 });
  await page.emulateMedia({ media: 'print' });
  const pages = pdfPageTexts(await page.pdf({ format: 'A4' }));
  for (const top of ['Anchors › ', 'Bolts and nuts › ', 'Screws › ', 'Washers › ']) {
    const first = pages.findIndex((p) => p.includes(top));
    expect(first, top).toBeGreaterThanOrEqual(0);
    // The first heading of the page where the category starts is that category.
    expect(pages[first]!.split('\n').find((line) => line.includes(' › ')), top).toContain(top);
  }
});

test('the print layout passes axe (checked on a smaller category: axe takes minutes on 200 rows here)', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/indoor-lighting-2027/print/indoor/panels/surface-mounted');
  await expect(page.getByRole('heading', { level: 1, name: 'Indoor Lighting 2027: Surface mounted' })).toBeVisible();
  await expectAccessible(page);
});
