import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// Post/Redirect/Get: after a form the address is clean, the browser is back at the row or form it
// came from, the outcome is in view, and a reload shows the page again without posting twice.

test('add to list at row 31 comes back to row 31 with a clean address, and a reload adds nothing', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test', { viewport: { width: 1280, height: 900 } });
  await page.goto('/catalogs/fasteners-2027/screws/wood-screws/countersunk');
  const row = page.locator('#item-30');
  const sku = (await row.locator('td.sku').innerText()).trim();
  await row.getByLabel(`Quantity of ${sku}`).fill('3');
  await row.getByRole('button', { name: `Add ${sku} to list` }).click();

  await expect(page).toHaveURL(/\/catalogs\/fasteners-2027\/screws\/wood-screws\/countersunk#item-30$/);
  const status = page.getByRole('status').filter({ hasText: `Added 3 × ${sku}` });
  await expect(status).toBeInViewport();
  await expect(page.locator('#item-30')).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await expectAccessible(page);

  // A reload asks for the page again: no form is sent, and the outcome is gone.
  await page.reload();
  await expect(page.getByRole('status')).toHaveCount(0);
  await page.goto('/lists');
  const overview = page.getByRole('table', { name: 'Your lists' });
  await overview.getByRole('link').first().click();
  const line = page.getByRole('row', { name: new RegExp(sku) });
  await expect(line.getByLabel(`Quantity of ${sku}`)).toHaveValue('3');
});

test('a refused form keeps what was typed, shows the error at the field in view, and reloads cleanly', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test', { viewport: { width: 390, height: 844 } });
  await page.goto('/lists');
  for (let n = 0; n < 2; n++) {
    await page.getByLabel('Name', { exact: true }).fill('Hall 3 restock');
    await page.getByRole('button', { name: 'Create list' }).click();
  }

  await expect(page).toHaveURL(/\/lists#new-list-heading$/);
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toHaveValue('Hall 3 restock');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-list-name-error')).toHaveText('You already have a list named “Hall 3 restock”.');
  await expect(page.locator('#new-list-name-error')).toBeInViewport();

  // A quick order with only unknown lines: the lines stay in the box, next to their reason.
  await page.getByLabel('Lines of SKU and quantity').fill('NOPE-1 2\nNOPE-2 3');
  await page.getByRole('button', { name: 'Add these lines' }).click();
  await expect(page).toHaveURL(/\/lists#quick-order-heading$/);
  await expect(page.getByLabel('Lines of SKU and quantity')).toHaveValue('NOPE-1 2\nNOPE-2 3');
  await expect(page.getByRole('alert').filter({ hasText: 'NOPE-1' })).toBeInViewport();
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByLabel('Lines of SKU and quantity')).toHaveValue('');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an admin’s invitation with a bad address keeps the address typed after the redirect', async ({ browser }) => {
  const page = await signIn(browser, 'admin@vitrine.test');
  await page.goto('/admin/users');
  await page.getByLabel('Email').fill('someone@');
  await page.getByLabel('Email').evaluate((input: HTMLInputElement) => { input.type = 'text'; }); // past the browser's own check
  await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Initech' });
  await page.getByLabel('Role', { exact: true }).selectOption('buyer');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  await expect(page).not.toHaveURL(/_action/);
  await expect(page.getByLabel('Email')).toHaveValue('someone@');
  await expect(page.getByLabel('Organization')).toHaveValue(/\d+/);
  await expect(page.locator('#invite-email-error')).toBeVisible();
});
