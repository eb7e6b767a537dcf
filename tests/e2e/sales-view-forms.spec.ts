import { test, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';

// Sales' view forms as a person fills them in, with the optional fields left empty. On a server
// of its own: the draft changes here must not reach the specs sharing the suite's server.

let server: OwnServer;
test.beforeAll(async () => { server = await startOwnServer(); });
test.afterAll(async () => { await server.stop(); });

async function openInitechView(page: Page): Promise<void> {
  await page.goto(`${server.baseURL}/login`);
  await page.getByLabel('Email').fill('sales@vitrine.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(`${server.baseURL}/sales`);
  await page.getByRole('link', { name: 'Initech office lighting' }).click();
  await expect(page.getByRole('heading', { name: 'Name, note and validity' })).toBeVisible();
}

test('the name and note save with both validity dates left empty, as the form says they are optional', async ({ page }) => {
  await openInitechView(page);
  await expect(page.getByLabel('First day (optional)')).toHaveValue('');
  await expect(page.getByLabel('Last day (optional)')).toHaveValue('');
  await page.getByLabel('Internal note').fill('Lighting only; renewed by phone on 2 December.');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText(/Invalid input/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Internal note')).toHaveValue('Lighting only; renewed by phone on 2 December.');
  await expect(page.getByLabel('First day (optional)')).toHaveValue('');
});

test('"Discard unpublished changes" puts the published rules back', async ({ page }) => {
  await openInitechView(page);
  const catalogs = page.getByRole('region', { name: 'Catalogs' });
  await expect(catalogs.getByRole('link', { name: 'Fasteners 2027', exact: true })).toHaveCount(0);
  const fasteners = await page.locator('#catalogId option', { hasText: 'Fasteners 2027' }).getAttribute('value');
  await page.getByLabel('Catalog', { exact: true }).selectOption(fasteners!);
  await page.getByLabel('% off the whole catalog (optional)').fill('5');
  await page.getByRole('button', { name: 'Add catalog' }).click();
  await expect(catalogs.getByRole('link', { name: 'Fasteners 2027', exact: true })).toHaveCount(1);

  await page.getByRole('button', { name: 'Discard unpublished changes' }).click();
  await expect(page.getByText(/Too small|Invalid input/)).toHaveCount(0);
  await expect(catalogs.getByRole('link', { name: 'Fasteners 2027', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Discard unpublished changes' })).toHaveCount(0);
});
