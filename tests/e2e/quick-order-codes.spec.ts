import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// Quick order reads a code as search does: any case, with or without separators, a GTIN or a
// manufacturer part number; and it says which item each line matched.

test('quick order takes codes as search finds them and names the item each line matched', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/lists');
  const section = page.getByRole('region', { name: 'Quick order' });
  if (await section.getByLabel('Add to').count()) await section.getByLabel('Add to').selectOption('new');
  await section.getByLabel(/Name of the new list/).fill('Machine screws');
  await section.getByLabel('Lines of SKU and quantity').fill('af-ms-cs-10100-z 4\nAFMSCS10012Z 2\n4012300003212 2\nms-cs1012z 1');
  await section.getByRole('button', { name: 'Add these lines' }).click();

  await expect(section.getByRole('status')).toHaveText('Added 4 lines to Machine screws.');
  const matches = section.getByRole('listitem');
  await expect(matches.nth(0)).toHaveText(/^Line 1: 4 × AF-MS-CS-10100-Z Countersunk machine screw M10 x 100 mm.* \(you typed “af-ms-cs-10100-z”, its SKU\)$/);
  await expect(matches.nth(1)).toHaveText(/^Line 2: 2 × AF-MS-CS-10012-Z .*\(you typed “AFMSCS10012Z”, its SKU\)$/);
  await expect(matches.nth(2)).toHaveText(/^Line 3: 2 × AF-MS-CS-10100-Z .*\(you typed “4012300003212”, its GTIN\)$/);
  await expect(matches.nth(3)).toHaveText(/^Line 4: 1 × AF-MS-CS-10012-Z .*\(you typed “ms-cs1012z”, its manufacturer part number\)$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page);

  await section.getByRole('status').getByRole('link', { name: 'Machine screws' }).click();
  const lines = page.getByRole('table', { name: 'Lines of Machine screws' });
  await expect(lines.getByLabel('Quantity of AF-MS-CS-10100-Z')).toHaveValue('6');
  await expect(lines.getByLabel('Quantity of AF-MS-CS-10012-Z')).toHaveValue('3');
});

test('a code that is in no visible catalog is still refused in words', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test');
  await page.goto('/lists');
  const section = page.getByRole('region', { name: 'Quick order' });
  // Initech's views do not include the fasteners: the same code finds nothing for them.
  await section.getByLabel('Lines of SKU and quantity').fill('af-ms-cs-10100-z 4');
  await section.getByRole('button', { name: 'Add these lines' }).click();
  await expect(section.getByRole('alert')).toContainText('Line 1, “af-ms-cs-10100-z 4”: there is no item af-ms-cs-10100-z in your catalogs.');
});
