import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { waitForRevisionState } from './supplier-support/revision-state.ts';

// The demo supplier (Acme) works a catalog of its own in Chromium, as a person would: creates it,
// uploads a German semicolon Windows-1252 price list and an XLSX, reads the report and the diff,
// maps unrecognized columns, publishes (only the valid rows), schedules and cancels, rolls back,
// discards. A new catalog keeps the demo catalogs other specs read untouched.
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');
const CATALOG = `E2E fasteners ${Date.now().toString(36)}`;

async function signedIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** Waits until the revision shows `state` (the page refreshes itself while the file is read). */
const waitForState = (page: Page, state: string | RegExp) => waitForRevisionState(page, state);

async function openCatalog(page: Page) {
  await page.goto('/supplier');
  await page.getByRole('link', { name: CATALOG, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: CATALOG })).toBeVisible();
}

test.describe.serial('supplier revisions', () => {
  let page: Page;
  let firstRevisionUrl: string;

  test.beforeAll(async ({ browser }) => {
    page = await signedIn(browser, 'supplier@acme.test');
  });

  test('creates a catalog; a wrong currency is explained beside the field', async () => {
    await page.goto('/supplier');
    await page.getByLabel('Name', { exact: true }).fill(CATALOG);
    await page.getByLabel('Currency', { exact: true }).fill('EU1');
    await page.getByRole('button', { name: 'Add catalog' }).click();
    await expect(page.locator('#catalog-currency-error')).toHaveText('“EU1” is not a currency code; use the 3-letter ISO code, e.g. EUR, USD or CHF.');
    await page.getByLabel('Name', { exact: true }).fill(CATALOG);
    await page.getByLabel('Currency', { exact: true }).fill('EUR');
    await page.getByRole('button', { name: 'Add catalog' }).click();
    await expect(page.getByRole('heading', { level: 1, name: CATALOG })).toBeVisible();
    await expect(page.getByText('Nothing is live yet')).toBeVisible();
  });

  test('uploads the German Windows-1252 price list by drag and drop, and watches it being checked', async () => {
    // Drop the file on the drop zone, as a person dragging it from their desktop.
    const bytes = await readFile(join(FIXTURES, 'preisliste-cp1252.csv'));
    const dataTransfer = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'preisliste-cp1252.csv', { type: 'text/csv' }));
      return transfer;
    }, [...bytes]);
    await page.locator('[data-drop-zone]').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('status').filter({ hasText: 'Chosen: preisliste-cp1252.csv' })).toBeVisible();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await expect(page).toHaveURL(/\/supplier\/revisions\/\d+$/);
    firstRevisionUrl = page.url();
    await waitForState(page, 'Checked, with errors');
    const facts = page.locator('.facts');
    await expect(facts).toContainText('Rows read3');
    await expect(facts).toContainText('Valid rows (items)2');
    await expect(facts).toContainText('Errors1');
    await expect(facts).toContainText('2 added, 0 removed, 0 changed');
  });

  test('reads the validation report, filters errors, downloads it as CSV', async () => {
    await page.getByRole('link', { name: 'Validation report' }).click();
    await expect(page.getByRole('heading', { name: /Validation report of revision/ })).toBeVisible();
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(4);
    await page.getByRole('link', { name: 'Errors (1)' }).click();
    await expect(rows).toHaveCount(2);
    const error = rows.nth(1);
    await expect(error).toContainText('5');
    await expect(error).toContainText('EAN');
    await expect(error).toContainText('40063813339');
    await expect(error).toContainText('a GTIN/EAN of 8, 12, 13 or 14 digits with a valid check digit');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the report as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/-revision-\d+-report\.csv$/);
    const text = await readFile(await file.path(), 'utf8');
    expect(text).toContain('error,5,MUT-1002,EAN,40063813339');
  });

  test('reads the diff: every item is new', async () => {
    await page.goto(firstRevisionUrl);
    await page.getByRole('link', { name: 'Changes against an empty catalog' }).click();
    await expect(page.getByRole('link', { name: 'Added (2)' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Holzschraube 4x40 verzinkt');
    await expect(page.getByRole('table')).toContainText('€12.50');
  });

  test('publishing is refused while errors remain, until only the valid rows are chosen', async () => {
    await page.goto(firstRevisionUrl);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.locator('#publish-valid-error')).toContainText('1 error remains (1 row would be left out)');
    await page.getByLabel('Publish only the 2 valid rows (1 row with errors is left out)').check();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published: buyers see this revision now.' })).toBeVisible();
    await waitForState(page, 'Live');
  });

  test('uploads an XLSX with the plain form (no JavaScript), reads the price moves, schedules and cancels', async ({ browser }) => {
    const plain = await signedIn(browser, 'supplier@acme.test', { javaScriptEnabled: false });
    await openCatalog(plain);
    await plain.getByLabel('Price list file').setInputFiles(join(FIXTURES, 'acme-update-2028.xlsx'));
    await plain.getByRole('button', { name: 'Upload and check' }).click();
    await expect(plain).toHaveURL(/\/supplier\/revisions\/\d+$/);
    const revisionUrl = plain.url();
    await waitForState(plain, 'Ready to publish');
    await expect(plain.locator('.facts')).toContainText('Excel workbook (XLSX)');
    await expect(plain.locator('.facts')).toContainText('3 added, 0 removed, 2 changed');
    await plain.getByRole('link', { name: /^Changes against revision/ }).click();
    await plain.getByRole('link', { name: 'Changed (2)' }).click();
    await plain.getByRole('link', { name: 'Sort by size of price move' }).click();
    const first = plain.getByRole('table').getByRole('row').nth(1);
    await expect(first).toContainText('SCH-4711');
    await expect(first).toContainText('+4.8 %');
    // Each changed field with its old and new value.
    await expect(first.getByRole('listitem')).toHaveText([
      /^name: .+ → .+$/,
      'description: Senkkopf; Torx, für Weichholz → Countersunk, Torx, for softwood',
      'category: Befestigung > Schrauben → Fixings > Screws',
      'unit: Pck → Pack',
      'price: €12.50 → €13.10',
      'quantity breaks: from 50: €11.90 → from 10: €12.40',
      'manufacturer: Würth → Acme',
      'attributes: (empty) → Valid from: 2028-01-01',
    ]);
    await plain.goto(revisionUrl);

    const at = new Date(Date.now() + 3 * 86_400_000);
    await plain.getByLabel('Go live at (UTC)').fill(at.toISOString().slice(0, 16));
    await plain.getByRole('button', { name: 'Schedule' }).click();
    await expect(plain.getByRole('status').filter({ hasText: `Scheduled: it goes live at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC.` })).toBeVisible();
    await waitForState(plain, 'Scheduled');
    await plain.getByRole('button', { name: 'Cancel the schedule' }).click();
    await expect(plain.getByRole('status').filter({ hasText: 'The schedule is cancelled' })).toBeVisible();
    await waitForState(plain, 'Ready to publish');
    await plain.getByRole('button', { name: 'Publish now' }).click();
    await waitForState(plain, 'Live');
    await plain.context().close();
  });

  test('rolls back to the first revision in one step from the history', async () => {
    await openCatalog(page);
    // People read revisions by their number in the catalog: the first upload is #1.
    expect(firstRevisionUrl).toMatch(/\/revisions\/\d+$/);
    await page.getByLabel('Make revision #1 live again').click(); // asks first
    await page.getByRole('button', { name: 'Yes, make #1 live' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Revision #1 is live again.' })).toBeVisible();
    await expect(page.getByText('Live: revision #1 with 2 items')).toBeVisible();
  });

  test('maps the columns of a file whose headers are not recognized, then discards the result', async () => {
    await openCatalog(page);
    await page.getByLabel('Price list file').setInputFiles(join(FIXTURES, 'odd-headers.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await waitForState(page, 'Columns need mapping');
    await expect(page.getByRole('heading', { name: 'Some columns were not recognized' })).toBeVisible();
    await page.getByRole('link', { name: 'Choose the field of each column' }).click();
    await page.getByLabel('Field of column “Art.Kz”').selectOption('sku');
    await page.getByLabel('Field of column “Text 1”').selectOption('name');
    await page.getByLabel('Field of column “VK 1”').selectOption('price');
    await page.getByLabel('Field of column “VK 2”').selectOption('tier');
    await page.getByRole('button', { name: 'Save and read the file again' }).click();
    await expect(page.getByText('Column "VK 2": enter the quantity from which this price applies (2 or more).')).toBeVisible();
    await page.getByLabel('Level or quantity of column “VK 2”').fill('10');
    await page.getByLabel('Field of column “Gruppe”').selectOption('category-level');
    await page.getByLabel('Level or quantity of column “Gruppe”').fill('1');
    await page.getByLabel('Field of column “Gruppe 2”').selectOption('category-level');
    await page.getByLabel('Level or quantity of column “Gruppe 2”').fill('2');
    await page.getByRole('button', { name: 'Save and read the file again' }).click();
    await expect(page).toHaveURL(/\/supplier\/revisions\/\d+$/);
    await waitForState(page, 'Ready to publish');
    await expect(page.locator('.facts')).toContainText('Valid rows (items)3');
    await page.locator('summary', { hasText: 'How the columns were read' }).click();
    await expect(page.getByRole('row', { name: /VK 2 Price from 10 units/ })).toBeVisible();
    await page.getByRole('button', { name: 'Discard this revision' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Discarded. Buyers never saw it.' })).toBeVisible();
    await waitForState(page, 'Discarded');
  });

  test('another supplier gets 404 for these pages', async ({ browser }) => {
    const other = await signedIn(browser, 'supplier@bright.test');
    const response = await other.goto(firstRevisionUrl);
    expect(response?.status()).toBe(404);
    await other.context().close();
  });
});

test.describe.serial('approval of revisions', () => {
  test('sales rejects with a comment the supplier reads; the supplier submits again; sales approves; it goes live', async ({ browser }) => {
    test.setTimeout(180_000);
    const admin = await signedIn(browser, 'admin@vitrine.test');
    await admin.goto('/admin/organizations');
    await admin.getByRole('button', { name: 'Require approval for Acme Fasteners' }).click();
    await expect(admin.getByRole('status')).toContainText('Acme Fasteners: publishing now needs approval');
    try {
      const supplier = await signedIn(browser, 'supplier@acme.test');
      await openCatalog(supplier);
      await supplier.getByLabel('Price list file').setInputFiles(join(FIXTURES, 'acme-update-2028.xlsx'));
      await supplier.getByRole('button', { name: 'Upload and check' }).click();
      await waitForState(supplier, 'Ready to publish');
      const revisionUrl = supplier.url();
      const revisionId = /\/revisions\/(\d+)$/.exec(revisionUrl)![1]; // in URLs
      const id = /Revision #(\d+) of/.exec(await supplier.getByRole('heading', { level: 1 }).innerText())![1]; // what people read
      await expect(supplier.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
      await supplier.getByRole('button', { name: 'Submit for approval' }).click();
      await waitForState(supplier, 'Waiting for approval');

      const sales = await signedIn(browser, 'sales@vitrine.test');
      await sales.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals' }).click();
      await sales.getByRole('link', { name: `#${id}`, exact: true }).click();
      await expect(sales.getByRole('heading', { level: 1 })).toHaveText(`Revision #${id}: Acme Fasteners, ${CATALOG}`);
      await expect(sales.getByRole('heading', { name: 'Problems found' })).toBeVisible();
      await expect(sales.getByRole('heading', { name: /^Changes against revision/ })).toBeVisible();
      await sales.getByLabel('Comment for the supplier').fill('The hex bolt price looks wrong; please check and send again.');
      await sales.getByRole('button', { name: 'Reject' }).click();
      await expect(sales.getByRole('status')).toContainText('Rejected.');

      await supplier.goto(revisionUrl);
      await expect(supplier.getByRole('heading', { name: 'Rejected by Sam Sales' })).toBeVisible();
      await expect(supplier.getByText('The hex bolt price looks wrong; please check and send again.')).toBeVisible();
      await supplier.getByRole('button', { name: 'Submit for approval' }).click();
      await waitForState(supplier, 'Waiting for approval');

      await sales.goto(`/sales/approvals/${revisionId}`);
      await sales.getByRole('button', { name: 'Approve' }).click();
      await expect(sales.getByRole('status')).toContainText('Approved: buyers see this revision now.');
      await supplier.goto(revisionUrl);
      await waitForState(supplier, 'Live');
    } finally {
      await admin.goto('/admin/organizations');
      await admin.getByRole('button', { name: 'Publish directly for Acme Fasteners' }).click();
      await expect(admin.getByRole('status')).toContainText('no longer needs approval');
    }
  });
});
