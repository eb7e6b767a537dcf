import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// On a phone (390 × 844) the header is compact, search shows results before its filters (which
// wait behind a button), and the category tree starts closed; a wide screen shows both open.

const PHONE = { width: 390, height: 844 };

test('on a phone: a compact header, results first with filters behind a button, the category tree closed', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test', { viewport: PHONE });
  await page.goto('/search?q=countersunk');
  const header = await page.locator('header.site-header').boundingBox();
  expect(header!.height).toBeLessThanOrEqual(110);

  const results = page.getByRole('list', { name: 'Results' });
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await expect(results).toBeVisible();
  expect((await results.boundingBox())!.y).toBeLessThan((await filters.boundingBox())!.y);
  await expect(filters.getByRole('heading', { name: 'Supplier' })).toBeHidden();
  await filters.locator('summary', { hasText: 'Filters' }).click();
  await expect(filters.getByRole('heading', { name: 'Supplier' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/catalogs/fasteners-2027');
  const tree = page.getByRole('navigation', { name: 'Categories' });
  await expect(tree.getByRole('link', { name: 'All items' })).toBeHidden();
  await tree.locator('summary', { hasText: 'Categories' }).click();
  await expect(tree.getByRole('link', { name: 'All items' })).toBeVisible();
});

test('on a wide screen: filters beside the results and the category tree open, no buttons in the way', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test', { viewport: { width: 1280, height: 900 } });
  await page.goto('/search?q=countersunk');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await expect(filters.getByRole('heading', { name: 'Supplier' })).toBeVisible();
  await expect(filters.locator('summary')).toBeHidden();
  await page.goto('/catalogs/fasteners-2027');
  await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'All items' })).toBeVisible();
});
