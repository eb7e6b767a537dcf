import { test, expect } from '@playwright/test';

// The pages anyone can open, rendered by the built server in Chromium.
test('home explains Vitrine and leads to sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Vitrine' })).toBeVisible();
  await expect(page.getByText('replaces printed catalogs')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('a help page is reachable from the help index', async ({ page }) => {
  await page.goto('/help');
  await page.getByRole('link', { name: 'Uploading price lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uploading price lists' })).toBeVisible();
  await expect(page.getByText('Staffelpreis ab 50')).toBeVisible();
});

test('the supplier directory lists the demo suppliers', async ({ page }) => {
  await page.goto('/suppliers');
  await expect(page.getByRole('heading', { level: 2, name: 'Acme Fasteners' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Bright Lighting' })).toBeVisible();
});

test('an unknown address shows the not-found page with status 404', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('/healthz answers while the database does, and tells an anonymous caller nothing more', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('pages carry the security headers', async ({ request }) => {
  const response = await request.get('/login');
  const h = response.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
});
