import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// "Add to list" lets the buyer choose the list: from a catalog's rows ("Other list…" opens the
// product's order form with the quantity kept) and on every search result.

test('a catalog row’s “Other list…” and a search result each add to the list chosen', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  const suffix = Date.now().toString(36);
  const [workshop, site] = [`Workshop ${suffix}`, `Site B ${suffix}`];
  for (const name of [workshop, site]) {
    await page.goto('/lists');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create list' }).click();
    await expect(page.getByRole('status')).toHaveText(`The list “${name}” is created.`);
  }

  await page.goto('/catalogs/fasteners-2027/screws/machine-screws/countersunk');
  const row = page.locator('#item-2');
  const sku = (await row.locator('td.sku').innerText()).trim();
  await row.getByLabel(`Quantity of ${sku}`).fill('7');
  await row.getByRole('button', { name: `Other list… for ${sku}` }).click();
  await expect(page).toHaveURL(new RegExp(`/products/fasteners-2027/${sku}\\?.*quantity=7.*#order$`));
  await expect(page.getByLabel(/^Quantity/)).toHaveValue('7');
  await page.getByLabel('Add to', { exact: true }).selectOption({ label: workshop });
  await page.getByRole('button', { name: 'Add to list' }).click();
  await expect(page.getByRole('status')).toHaveText(`Added 7 × ${sku} to ${workshop}.`);

  await page.goto('/search?q=countersunk+machine+screw');
  const hit = page.locator('#hit-1');
  const hitSku = (await hit.locator('.sku').innerText()).trim();
  await hit.getByLabel(`List for ${hitSku}`).selectOption({ label: site });
  await hit.getByLabel(`Quantity of ${hitSku}`).fill('3');
  await hit.getByRole('button', { name: `Add ${hitSku} to list` }).click();
  await expect(page).toHaveURL(/\/search\?q=countersunk\+machine\+screw#hit-1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(`Added 3 × ${hitSku} to ${site}.`);
  await expectAccessible(page);
});
