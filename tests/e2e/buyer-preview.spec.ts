import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// Sales previewing a customer's catalog pages: a banner, the customer's items at their prices.

test('sales sees a customer\'s pages as the customer does, under a banner, without the buyer\'s forms', async ({ browser }) => {
  const sales = await signIn(browser, 'sales@vitrine.test');
  await sales.goto('/preview');
  await sales.getByRole('link', { name: 'Globex Manufacturing' }).click();
  await expect(sales).toHaveURL(/\/preview\/\d+\/catalogs$/);
  const banner = sales.getByRole('region', { name: 'Preview' });
  await expect(banner).toContainText('Preview: you see what Globex Manufacturing sees, at their prices.');
  await expect(sales.getByRole('heading', { level: 1, name: 'Catalogs of Globex Manufacturing' })).toBeVisible();
  await expectAccessible(sales);

  await sales.getByRole('link', { name: 'Indoor Lighting 2027' }).click();
  await sales.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Panels' }).click();
  await sales.getByRole('navigation', { name: 'Subcategories' }).getByRole('link', { name: 'Recessed' }).click();
  await expect(banner).toBeVisible();
  await expect(sales).toHaveURL(/\/preview\/\d+\/catalogs\/indoor-lighting-2027\/indoor\/panels\/recessed$/);
  await expect(sales.getByRole('row', { name: /BL-PAN-25W-27-W/ }).locator('.net-price strong')).toHaveText('€21.28');
  await expect(sales.getByRole('button', { name: /to list/ })).toHaveCount(0);
  await expectAccessible(sales);

  await sales.getByRole('link', { name: 'LED panel 600x600 25 W 2700 K, white' }).click();
  await expect(sales.getByText('For sales: 5% off the whole catalog (catalog rule).')).toBeVisible();
  await expect(sales.getByText('Why this price: 5 % off Indoor Lighting 2027 under your agreement “Globex framework agreement 2027”.')).toBeVisible();
  await expect(sales.getByRole('button', { name: 'Add to list' })).toHaveCount(0);
  expect(await sales.locator('.product-image').evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(true);

  // The buyer's own page shows the same price and the same reason in their words, without banner or sales' words.
  const buyer = await signIn(browser, 'buyer@globex.test');
  await buyer.goto('/products/indoor-lighting-2027/BL-PAN-25W-27-W');
  await expect(buyer.locator('.product-price strong')).toHaveText(await sales.locator('.product-price strong').innerText());
  await expect(buyer.getByRole('region', { name: 'Preview' })).toHaveCount(0);
  await expect(buyer.getByText('Why this price: 5 % off Indoor Lighting 2027 under your agreement “Globex framework agreement 2027”.')).toBeVisible();
  await expect(buyer.getByText('For sales:')).toHaveCount(0);
});

test('a preview is for sales only, and only of customers', async ({ browser }) => {
  const sales = await signIn(browser, 'sales@vitrine.test');
  await sales.goto('/preview');
  const href = await sales.getByRole('link', { name: 'Initech' }).getAttribute('href');
  const id = Number(href!.split('/')[2]);
  expect((await sales.goto(href!))?.status()).toBe(200);
  await expect(sales.getByRole('link', { name: 'Outdoor Lighting and Controls 2027' })).toBeVisible();
  expect((await sales.goto('/preview/1/catalogs'))?.status()).toBe(404); // the operator itself is no customer
  expect((await sales.goto('/preview/999999/catalogs'))?.status()).toBe(404);
  const buyer = await signIn(browser, 'buyer@globex.test');
  expect((await buyer.goto(`/preview/${id}/catalogs`))?.status()).toBe(404);
  const admin = await signIn(browser, 'admin@vitrine.test');
  expect((await admin.goto(`/preview/${id}/catalogs`))?.status()).toBe(404);
});
