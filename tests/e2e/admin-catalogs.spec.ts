import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// The admin's "Catalogs" card leads to an overview of every supplier's catalogs.

test('the Catalogs card opens an overview: supplier, live revision, items, last publish, waiting revisions', async ({ browser }) => {
  const admin = await signIn(browser, 'admin@vitrine.test');
  await admin.goto('/admin');
  await admin.getByRole('link', { name: 'Catalogs' }).click();
  await expect(admin).toHaveURL(/\/admin\/catalogs$/);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Catalogs');
  const table = admin.getByRole('table', { name: 'Every catalog, by supplier' });
  await expect(table.getByRole('row')).toHaveCount(1 + 3);
  const fasteners = table.getByRole('row', { name: /Fasteners 2027/ });
  await expect(fasteners.locator('td').nth(0)).toHaveText('Acme Fasteners');
  await expect(fasteners.locator('td').nth(1)).toHaveText(/^#\d+$/);
  await expect(fasteners.locator('td').nth(2)).toHaveText('979');
  await expect(fasteners.locator('td').nth(3)).not.toHaveText('—');
  await expect(fasteners.locator('td').nth(4)).toHaveText('0');
  await expect(admin.getByText('3 catalogs of 2 suppliers.')).toBeVisible();
  await expectAccessible(admin);
});
