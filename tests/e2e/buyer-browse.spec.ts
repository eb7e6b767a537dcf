import { test, expect } from '@playwright/test';
import { expectAccessible, minorOf, signIn, watchConsole } from './buyer-support/session.ts';

// A demo buyer browsing their catalogs in Chromium: list, catalog, category, product.

test('from the catalog list through a category to a product, at the buyer\'s prices', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await expect(page).toHaveURL(/\/catalogs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your catalogs' })).toBeVisible();
  const catalogs = page.getByRole('table', { name: 'Catalogs you can see' });
  await expect(catalogs.getByRole('row', { name: /Fasteners 2027 Acme Fasteners 979/ })).toBeVisible();
  await expect(catalogs.getByRole('row', { name: /Indoor Lighting 2027 Bright Lighting 611/ })).toBeVisible();
  await expect(catalogs.getByRole('link', { name: 'Outdoor Lighting and Controls 2027' })).toHaveCount(0);
  await expectAccessible(page);

  await catalogs.getByRole('link', { name: 'Indoor Lighting 2027' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Indoor Lighting 2027' })).toBeVisible();
  const tree = page.getByRole('navigation', { name: 'Categories' });
  await expect(tree.getByRole('link', { name: 'LED tubes' })).toHaveCount(0); // hidden by Globex's view
  await tree.getByRole('link', { name: 'Panels' }).click();
  await expect(page).toHaveURL(/\/catalogs\/indoor-lighting-2027\/indoor\/panels$/);
  await page.getByRole('navigation', { name: 'Subcategories' }).getByRole('link', { name: 'Recessed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recessed' })).toBeVisible();
  const row = page.getByRole('row', { name: /BL-PAN-25W-27-W/ });
  await expect(row.locator('.net-price strong')).toHaveText('€21.28'); // 5% off €22.40
  await expect(row.locator('.net-price s')).toHaveText('list price €22.40');
  await expectAccessible(page);

  await row.getByRole('link', { name: 'LED panel 600x600 25 W 2700 K, white' }).click();
  await expect(page).toHaveURL(/\/products\/indoor-lighting-2027\/BL-PAN-25W-27-W$/);
  await expect(page.getByRole('heading', { level: 1, name: 'LED panel 600x600 25 W 2700 K, white' })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('listitem')).toHaveText(['Catalogs', 'Indoor Lighting 2027', 'Indoor', 'Panels', 'Recessed', 'BL-PAN-25W-27-W']);
  await crumbs.getByRole('link', { name: 'Recessed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recessed' })).toBeVisible();
});

test('sort, page and layout stay in the URL', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/catalogs/fasteners-2027/screws/wood-screws');
  await expect(page.getByText('Items 1–50 of 200, at your prices in EUR.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Sort by' }).getByRole('link', { name: 'Price' }).click();
  await expect(page).toHaveURL(/\?sort=price$/);
  const prices = async () => (await page.locator('.item-table .net-price strong').allInnerTexts()).map(minorOf);
  const first = await prices();
  expect(first).toEqual([...first].sort((a, b) => a - b));
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/\?sort=price&page=2$/);
  await expect(page.getByText('Items 51–100 of 200')).toBeVisible();
  const second = await prices();
  expect(second[0]).toBeGreaterThanOrEqual(first[first.length - 1]!);
  await page.getByRole('navigation', { name: 'Show as' }).getByRole('link', { name: 'Grid' }).click();
  await expect(page).toHaveURL(/\?sort=price&page=2&layout=grid$/);
  await expect(page.locator('.item-grid > li')).toHaveCount(50);
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByText('Items 51–100 of 200')).toBeVisible();
  expect((await page.goto('/catalogs/fasteners-2027/screws/wood-screws?page=9'))?.status()).toBe(404);
});

test('a product page shows images at the size the screen needs, all attributes, identifiers and breaks', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/products/fasteners-2027/AF-WS-CS-3020-Z');
  const main = page.locator('.product-image');
  await expect(main).toHaveAttribute('srcset', /\/media\/[0-9a-f]{64}\/160\.webp 160w, .*\/640\.webp 640w/);
  await expect(main).toHaveAttribute('sizes', '(min-width: 56rem) 28rem, 100vw');
  await expect(main).toHaveAttribute('loading', 'eager');
  await expect(main).toHaveAttribute('alt', /Wood screw, countersunk M3 x 20 mm/);
  expect(await main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const facts = page.getByRole('table', { name: 'Identifiers and attributes' });
  await expect(facts.getByRole('row', { name: 'GTIN 4012300000020' })).toBeVisible();
  await expect(facts.getByRole('row', { name: 'Manufacturer part number WS-CS320Z' })).toBeVisible();
  await expect(facts.getByRole('row', { name: 'Norm DIN 7997' })).toBeVisible();
  const tiers = page.getByRole('table', { name: 'Quantity breaks' });
  await expect(tiers.getByRole('row')).toHaveCount(4);
  await expect(tiers.getByRole('row', { name: '10 €3.46 €3.11' })).toBeVisible(); // 10% off the supplier's €3.46 from 10
  const related = page.locator('.product-related img');
  await expect(related.first()).toHaveAttribute('loading', 'lazy');
  await expect(page.getByRole('heading', { level: 2, name: 'More in Countersunk' })).toBeVisible();
  await expectAccessible(page);
});

test('another customer\'s items, prices and images never reach a buyer', async ({ browser, request }) => {
  const globex = await signIn(browser, 'buyer@globex.test');
  const initech = await signIn(browser, 'buyer@initech.test');
  await globex.goto('/products/fasteners-2027/AF-WS-CS-3020-Z');
  const image = await globex.locator('.product-image').getAttribute('src');
  expect((await globex.request.get(image!)).status()).toBe(200);
  expect((await initech.request.get(image!)).status()).toBe(404);
  expect((await request.get(image!)).status()).toBe(404); // signed out
  for (const path of ['/catalogs/fasteners-2027', '/catalogs/fasteners-2027/screws', '/products/fasteners-2027/AF-WS-CS-3020-Z', '/catalogs/fasteners-2027/print']) {
    expect((await initech.goto(path))?.status(), path).toBe(404);
  }
  expect((await initech.request.get('/catalogs/fasteners-2027/export.csv')).status()).toBe(404);
  expect((await initech.request.get('/catalogs/fasteners-2027/export.xlsx')).status()).toBe(404);
  expect((await globex.goto('/products/indoor-lighting-2027/BL-T8-9W-27-W'))?.status()).toBe(404); // an LED tube: hidden for Globex
  expect((await initech.goto('/products/indoor-lighting-2027/BL-T8-9W-27-W'))?.status()).toBe(200);
  // The same panel: 5% off for Globex, 8% off for Initech, each page with its own price only.
  await globex.goto('/catalogs/indoor-lighting-2027/indoor/panels/recessed');
  await initech.goto('/catalogs/indoor-lighting-2027/indoor/panels/recessed');
  await expect(globex.getByRole('row', { name: /BL-PAN-25W-27-W/ }).locator('.net-price strong')).toHaveText('€21.28');
  await expect(initech.getByRole('row', { name: /BL-PAN-25W-27-W/ }).locator('.net-price strong')).toHaveText('€20.61');
  expect(await initech.getByRole('row', { name: /BL-PAN-25W-27-W/ }).innerText()).not.toContain('21.28');
  await expect(initech.locator('.site-header')).toContainText('Ivan Initech');
  expect(await initech.content()).not.toContain('Greta Globex');
});

test('catalog pages run no script, break no content policy, and read on a phone and by keyboard', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test', { viewport: { width: 390, height: 844 } });
  const problems = watchConsole(page);
  for (const path of ['/catalogs', '/catalogs/fasteners-2027', '/catalogs/fasteners-2027/screws/wood-screws', '/products/fasteners-2027/AF-WS-CS-3020-Z']) {
    await page.goto(path);
    expect(await page.locator('script').count(), path).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  expect(problems).toEqual([]);
  await page.goto('/catalogs/fasteners-2027/screws/wood-screws');
  // Keyboard only: tab from the skip link into the first quantity, type, press Enter.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const quantity = page.getByLabel('Quantity of AF-WS-CS-3012-Z'); // M3 comes first: names sort naturally
  await quantity.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Added 3 × AF-WS-CS-3012-Z to');
  await expect(page).toHaveURL(/\/catalogs\/fasteners-2027\/screws\/wood-screws/);
});
