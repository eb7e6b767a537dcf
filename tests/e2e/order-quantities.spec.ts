import { test, expect } from '@playwright/test';
import { expectAccessible, minorOf, signIn } from './buyer-support/session.ts';

// Minimum order quantities are kept, with the quantity to order instead; pack prices show the
// price per piece beside them.

test('less than the minimum is refused with the next valid quantity, in quick order and on the list', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test');
  await page.goto('/products/outdoor-lighting-and-controls-2027/BLO-FL-100-30-W-54');
  await expect(page.locator('main')).toContainText('sold per Piece, from 2');

  await page.goto('/lists');
  const quick = page.getByRole('region', { name: 'Quick order' });
  if (await quick.getByLabel('Add to').count()) await quick.getByLabel('Add to').selectOption('new');
  await quick.getByLabel(/Name of the new list/).fill('Floodlights');
  await quick.getByLabel('Lines of SKU and quantity').fill('BLO-FL-100-30-W-54 1\nBLO-FL-100-30-W-66 2');
  await quick.getByRole('button', { name: 'Add these lines' }).click();
  await expect(quick.getByRole('alert')).toContainText('Line 1, “BLO-FL-100-30-W-54 1”: BLO-FL-100-30-W-54 is sold from 2 units: 2 is the next quantity you can order.');
  await expect(quick.getByLabel('Lines of SKU and quantity')).toHaveValue('BLO-FL-100-30-W-54 1');

  await quick.getByRole('status').getByRole('link', { name: 'Floodlights' }).click();
  const lines = page.getByRole('table', { name: 'Lines of Floodlights' });
  const total = minorOf(await lines.locator('tfoot td.num').innerText());
  await lines.getByLabel('Quantity of BLO-FL-100-30-W-66').fill('1');
  await page.getByRole('button', { name: 'Update quantities' }).click();
  await expect(page.getByRole('alert')).toHaveText('BLO-FL-100-30-W-66 is sold from 2 units: 2 is the next quantity you can order.');
  // Nothing changed: the line keeps its valid quantity and the total stands.
  await expect(lines.getByLabel('Quantity of BLO-FL-100-30-W-66')).toHaveValue('2');
  expect(minorOf(await lines.locator('tfoot td.num').innerText())).toBe(total);
  await expectAccessible(page);
});

test('a pack’s price shows the price per piece beside it', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/fasteners-2027/screws/machine-screws/countersunk');
  const row = page.getByRole('row', { name: /AF-MS-CS-3016-Z/ }); // M3 x 16 mm, pack of 100: on the first page
  const price = row.locator('.net-price strong');
  const packMinor = minorOf(await price.innerText());
  // "pack of 100": a hundredth of the pack price, to the hundredth of a cent.
  const perPiece = (Math.round(packMinor) / 100 / 100).toFixed(4).replace(/0{1,2}$/, '');
  await expect(row.locator('.per-piece')).toHaveText(`€${perPiece} per piece`);
  await row.getByRole('link').first().click();
  await expect(page.locator('.product-price')).toContainText(`per Pack, €${perPiece} per piece`);
  await expectAccessible(page); // on the product page: axe takes minutes on 50 rows on a busy machine
});
