import { test, expect } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { signIn, expectAccessible } from './buyer-support/session.ts';

// "Why this price" for buyers: on the product page (beside the price and each quantity break)
// and as a column of the price-list export, in plain words naming the buyer's own agreement,
// never another customer's terms or the view's internal note. Reads only: the suite's server.

const GLOBEX = 'Globex framework agreement 2027';

test('a buyer reads why each price is theirs, on the product page and in the export, and nothing of other customers', async ({ browser }) => {
  const greta = await signIn(browser, 'buyer@globex.test');
  const response = await greta.request.get('/catalogs/fasteners-2027/export.csv');
  expect(response.status()).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
  const header = Object.keys(rows[0]!);
  expect(header.indexOf('Why this price')).toBe(header.indexOf('Your price') + 1);

  const anchor = rows.find((r) => r.Category!.startsWith('Anchors'))!;
  const fixed = rows.find((r) => r.Category!.startsWith('Screws > Wood screws > Countersunk') && r['Why this price']!.startsWith('fixed'))!;
  const withBreak = rows.find((r) => !r.Category!.startsWith('Anchors') && r !== fixed && r['Break 1 from quantity'] !== '')!;
  expect(anchor['Why this price']).toBe(`15 % off Anchors in Fasteners 2027 under your agreement “${GLOBEX}”`);
  expect(fixed['Why this price']).toBe(`fixed price agreed for this item under your agreement “${GLOBEX}”`);
  expect(withBreak['Why this price']).toBe(`10 % off Fasteners 2027 under your agreement “${GLOBEX}”`);
  // Nothing of the internal note or of Initech's terms anywhere in the file.
  expect(text).not.toContain('Agreed with Globex purchasing');
  expect(text).not.toContain('Initech');

  await greta.goto(`/products/fasteners-2027/${encodeURIComponent(withBreak.SKU!)}`);
  await expect(greta.locator('.price-why')).toHaveText(`Why this price: 10 % off Fasteners 2027 under your agreement “${GLOBEX}”.`);
  const breaks = greta.getByRole('table', { name: 'Quantity breaks' });
  await expect(breaks.getByRole('row').filter({ has: greta.getByRole('cell', { name: withBreak['Break 1 from quantity'], exact: true }) }))
    .toContainText(`10 % off Fasteners 2027 under your agreement “${GLOBEX}”, on the supplier's quantity break from ${withBreak['Break 1 from quantity']}`);
  await expect(greta.getByText('Agreed with Globex purchasing')).toHaveCount(0);
  await expect(greta.getByText('For sales:')).toHaveCount(0);
  await expectAccessible(greta);

  await greta.goto(`/products/fasteners-2027/${encodeURIComponent(fixed.SKU!)}`);
  await expect(greta.locator('.price-why')).toHaveText(`Why this price: fixed price agreed for this item under your agreement “${GLOBEX}”.`);
  await greta.goto(`/products/fasteners-2027/${encodeURIComponent(anchor.SKU!)}`);
  await expect(greta.locator('.price-why')).toHaveText(`Why this price: 15 % off Anchors in Fasteners 2027 under your agreement “${GLOBEX}”.`);

  // Initech's buyer reads their own agreement for the same panel Globex buys at 5 % off.
  const ivan = await signIn(browser, 'buyer@initech.test');
  await ivan.goto('/products/indoor-lighting-2027/BL-PAN-25W-27-W');
  await expect(ivan.locator('.price-why')).toHaveText('Why this price: 8 % off Indoor Lighting 2027 under your agreement “Initech office lighting”.');
  await expect(ivan.getByText(GLOBEX)).toHaveCount(0);
  await expectAccessible(ivan);
});
