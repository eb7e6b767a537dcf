import { test, expect } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectAccessible, minorOf, signIn } from './buyer-support/session.ts';
import { downloadBytes, downloadWorkbook } from './buyer-support/downloads.ts';

// Requisition lists in Chromium: add from a product page and a category page, quick order,
// quantities past a break, totals, downloads for the ERP, rename, remove, delete.

test('a list built from a product page, a category page and a quick order, priced with breaks and downloaded', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test');
  await page.goto('/products/indoor-lighting-2027/BL-PAN-25W-27-B');
  // Initech has no list yet: the form offers to name the first one.
  await page.getByLabel('Quantity (Piece)').fill('4');
  await page.getByLabel('Name of your first list').fill('Office refit');
  await page.getByRole('button', { name: 'Add to list' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 4 × BL-PAN-25W-27-B to Office refit.');

  await page.goto('/catalogs/indoor-lighting-2027/indoor/panels/recessed');
  await page.getByLabel('Quantity of BL-PAN-25W-27-W').fill('2');
  await page.getByRole('button', { name: 'Add BL-PAN-25W-27-W to list' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 2 × BL-PAN-25W-27-W to Office refit.');
  await page.getByRole('status').getByRole('link', { name: 'Office refit' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Office refit' })).toBeVisible();
  const lines = page.getByRole('table', { name: 'Lines of Office refit' });
  const panelB = lines.getByRole('row', { name: /BL-PAN-25W-27-B/ });
  const unitPrice = () => panelB.locator('td').nth(4);
  await expect(unitPrice()).toHaveText('€22.62'); // 8% off the list €24.59
  // 12 pieces pass the supplier's break at 10 (€22.62 list): 8% off that.
  await page.getByLabel('Quantity of BL-PAN-25W-27-B').fill('12');
  await page.getByRole('button', { name: 'Update quantities' }).click();
  await expect(page.getByRole('status')).toHaveText('1 quantity changed');
  await expect(unitPrice()).toHaveText('€20.81');
  await expect(panelB.locator('td').nth(5)).toHaveText('€249.72');
  const total = minorOf(await lines.locator('tfoot td.num').innerText());
  expect(total).toBe(24972 + 2 * 2061); // + 2 × €20.61 (8% off €22.40)
  await expectAccessible(page);

  // Quick order: known lines are added, the unknown one comes back with its reason.
  await page.getByLabel('Lines of SKU and quantity').fill('BL-PAN-25W-27-S\t3\nNOPE-123 5\nBL-PAN-25W-27-G;1');
  await page.getByRole('button', { name: 'Add these lines' }).click();
  await expect(page.getByRole('status')).toHaveText('Added 2 lines to Office refit.');
  await expect(page.getByRole('alert')).toContainText('Line 2, “NOPE-123 5”: there is no item NOPE-123 in your catalogs.');
  await expect(page.getByLabel('Lines of SKU and quantity')).toHaveValue('NOPE-123 5');
  await expect(lines.getByRole('row')).toHaveCount(1 + 4 + 1);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as CSV' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^list-office-refit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parse((await downloadBytes(csvDownload)).toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
  expect(csv.map((r) => [r.SKU, r.Quantity])).toEqual([['BL-PAN-25W-27-B', '12'], ['BL-PAN-25W-27-W', '2'], ['BL-PAN-25W-27-S', '3'], ['BL-PAN-25W-27-G', '1']]);
  expect(csv[0]).toMatchObject({ 'Unit price': '20.81', 'Line total': '249.72', Currency: 'EUR', Catalog: 'Indoor Lighting 2027' });

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as XLSX' }).click()]);
  const workbook = await downloadWorkbook(xlsxDownload);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Office refit');
  expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['BL-PAN-25W-27-B', 12, 20.81, 249.72, 'EUR']));
  expect(sheet.rowCount).toBe(5);

  await page.getByRole('button', { name: 'Remove BL-PAN-25W-27-G' }).click();
  await expect(page.getByRole('status')).toHaveText('The line is removed.');
  await expect(lines.getByRole('row', { name: /BL-PAN-25W-27-G/ })).toHaveCount(0);
  await page.getByLabel('New name').fill('Office refit 2027');
  await page.getByRole('button', { name: 'Rename list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Office refit 2027' })).toBeVisible();
});

test('lists: a new one, bad input in words, totals on the overview, delete', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your requisition lists' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Office refit 2027');
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByText('You already have a list named “Office refit 2027”.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Name', { exact: true }).fill('Spare lamps');
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByRole('status')).toHaveText('The list “Spare lamps” is created.');
  const overview = page.getByRole('table', { name: 'Your lists' });
  await expect(overview.getByRole('row', { name: /Office refit 2027 3 €/ })).toBeVisible();
  await expectAccessible(page);

  await overview.getByRole('link', { name: 'Spare lamps' }).click();
  await expect(page.getByText('This list is empty.')).toBeVisible();
  await page.getByText('Delete “Spare lamps”', { exact: true }).click(); // asks first
  await page.getByRole('button', { name: 'Yes, delete “Spare lamps”' }).click();
  await expect(page).toHaveURL(/\/lists$/); // Post/Redirect/Get: a reload does not post again
  await expect(page.getByRole('status')).toHaveText('The list “Spare lamps” is deleted.');
  await expect(page.getByRole('table', { name: 'Your lists' }).getByRole('link', { name: 'Spare lamps' })).toHaveCount(0);
});

test('one buyer\'s list is nobody else\'s', async ({ browser }) => {
  const ivan = await signIn(browser, 'buyer@initech.test');
  await ivan.goto('/lists');
  const href = await ivan.getByRole('table', { name: 'Your lists' }).getByRole('link', { name: 'Office refit 2027' }).getAttribute('href');
  const greta = await signIn(browser, 'buyer@globex.test');
  expect((await greta.goto(href!))?.status()).toBe(404);
  expect((await greta.goto(`${href}/export.csv`))?.status()).toBe(404);
  const sales = await signIn(browser, 'sales@vitrine.test');
  expect((await sales.goto(href!))?.status()).toBe(404);
  // A hand-made post against Ivan's list from Greta's session changes nothing.
  const listId = href!.split('/').pop()!;
  const response = await greta.request.post(`/lists?_action=lists.remove`, { form: { listId }, headers: { origin: new URL(greta.url()).origin } });
  expect(await response.text()).toContain('That list does not exist');
  await ivan.goto(href!);
  await expect(ivan.getByRole('heading', { level: 1, name: 'Office refit 2027' })).toBeVisible();
});
