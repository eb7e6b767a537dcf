import { test, expect, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// The prerendered pages (home, help, suppliers, 404) show a signed-in person their own header:
// their main links, their name and Account, and the logo leading to their home.

async function expectPersonHeader(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const header = page.locator('header.site-header');
  await expect(header.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogs' }), path).toBeVisible();
  await expect(header.getByRole('link', { name: 'Account' }), path).toBeVisible();
  await expect(header.getByText('Greta Globex'), path).toBeVisible();
  await expect(header.getByRole('link', { name: 'Sign in' }), path).toHaveCount(0);
  await expect(header.locator('a.brand'), path).toHaveAttribute('href', '/catalogs');
}

test('a signed-in buyer sees their own header on home, help, suppliers and the 404 page', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  for (const path of ['/', '/help', '/suppliers', '/no-such-page']) await expectPersonHeader(page, path);
  await expectAccessible(page);
});

test('signed out, the same pages keep the signed-out header', async ({ page }) => {
  for (const path of ['/', '/help']) {
    await page.goto(path);
    await expect(page.locator('header.site-header').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(page.locator('header.site-header').getByRole('link', { name: 'Catalogs' })).toHaveCount(0);
  }
});
