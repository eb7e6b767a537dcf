import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { signIn } from './buyer-support/session.ts';
import { waitForRevisionState } from './supplier-support/revision-state.ts';

// Revisions are numbered per catalog in what people read: a supplier's new catalog starts at #1
// whatever other suppliers uploaded, and buyers read the live revision's own number.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');

test('a new catalog’s uploads are #1 and #2, in the history, the pages and the diff', async ({ browser }) => {
  const page = await signIn(browser, 'supplier@acme.test');
  const name = `E2E numbers ${Date.now().toString(36)}`;
  await page.goto('/supplier');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Currency', { exact: true }).fill('EUR');
  await page.getByRole('button', { name: 'Add catalog' }).click();
  for (const file of ['preisliste-cp1252.csv', 'acme-update-2028.xlsx']) {
    await page.goto('/supplier');
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByLabel('Price list file').setInputFiles(join(FIXTURES, file));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await waitForRevisionState(page, file.endsWith('.csv') ? 'Checked, with errors' : 'Ready to publish');
    if (file.endsWith('.csv')) {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revision #1 of ${name}`);
      await page.locator('#publish-valid').check();
      await page.getByRole('button', { name: 'Publish now' }).click();
      await waitForRevisionState(page, 'Live');
    }
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Revision #2 of ${name}`);
  await expect(page.getByRole('link', { name: /^Changes against revision #1$/ })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).first().click();
  const history = page.getByRole('table', { name: `Revisions of ${name}, newest first` });
  await expect(history.getByRole('link')).toHaveText(['#2', '#1']);
  await expect(page.getByText('Live: revision #1 with 2 items')).toBeVisible();
});

test('a buyer reads the live revision’s number in its catalog', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test');
  await page.goto('/catalogs/outdoor-lighting-and-controls-2027');
  // The third catalog the demo loaded: its first and only revision.
  await expect(page.locator('main p.muted').filter({ hasText: 'price list of' }).first()).toHaveText(/price list of .+, revision 1$/);
});
