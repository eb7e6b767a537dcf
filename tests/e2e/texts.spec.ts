import { test, expect } from '@playwright/test';
import { signIn } from './buyer-support/session.ts';

// Sentences read as sentences: a space between them, and counts with the word in its number.

test('the supplier’s catalog page and report keep the space between sentences', async ({ browser }) => {
  const page = await signIn(browser, 'supplier@acme.test');
  await page.getByRole('link', { name: 'Fasteners 2027' }).first().click();
  const intro = page.locator('main p').filter({ hasText: 'Prices in EUR' });
  await expect(intro).toContainText(/Prices in EUR\. Live: revision #\d+ with 979 items, published/);
  await page.locator('main').getByRole('link', { name: /^revision #\d+$/ }).click();
  await page.getByRole('link', { name: 'Validation report' }).click();
  await expect(page.locator('main')).toContainText('warnings do not stop publishing. Download the report as CSV');
});
