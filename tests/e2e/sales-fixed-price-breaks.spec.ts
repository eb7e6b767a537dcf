import { test, expect, type Page } from '@playwright/test';
import { signIn, expectAccessible } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';

// A fixed price of 70.00 on AF-MS-CS-10100-Z (list 86.44, supplier breaks 80.39 from 10 and
// 74.34 from 50; Globex has 10 % off) undercuts Globex's price up to 49 pieces but not from 50
// (66.91). The review says so; the form's choice to keep the supplier's breaks takes it back.
// On a server of its own: the view is changed and published.

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer();
});
test.afterAll(async () => { await server?.stop(); });

const VIEW = 'Globex framework agreement 2027';
const SKU = 'AF-MS-CS-10100-Z';

async function setFixedPrice(sales: Page, breaks: 'Replace them' | 'Keep them') {
  await sales.goto('/sales');
  await sales.getByRole('link', { name: VIEW }).click();
  await sales.getByRole('link', { name: 'Edit rules of Fasteners 2027' }).click();
  await sales.getByLabel('Find items by SKU or name').fill(SKU);
  await sales.getByRole('button', { name: 'Find' }).click();
  await sales.getByRole('link', { name: new RegExp(`^(Set a|Edit) fixed price for ${SKU}$`) }).click();
  await sales.getByLabel('Net price (EUR)', { exact: true }).fill('70,00');
  await sales.getByLabel(new RegExp(`^${breaks}:`)).check();
  await sales.getByRole('button', { name: 'Save fixed price' }).click();
}

test('the review lists the price that goes up from 50 pieces, and keeping the supplier\'s breaks avoids it', async ({ browser }) => {
  test.setTimeout(240_000);
  const sales = await signIn(browser, 'sales@vitrine.test', { baseURL: server.baseURL });
  await setFixedPrice(sales, 'Replace them');
  await expect(sales.getByRole('status').filter({ hasText: `The fixed price of SKU ${SKU} is saved in the draft; it replaces the supplier's quantity breaks.` })).toBeVisible();
  await expect(sales.getByRole('row', { name: new RegExp(SKU) }).filter({ hasText: "Supplier's breaks replaced" })).toBeVisible();
  await expectAccessible(sales);

  await sales.getByRole('link', { name: `← ${VIEW}` }).click();
  await sales.getByRole('link', { name: 'Review and publish' }).click();
  const rises = sales.getByRole('region', { name: 'Prices that go up for Globex Manufacturing' });
  await expect(rises).toContainText('1 item gets dearer for Globex Manufacturing at some quantity once this draft is published.');
  const rows = rises.getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell')).toHaveText([new RegExp(`^${SKU} `), '50', '€66.91', '€70.00']);
  await expectAccessible(sales);

  await setFixedPrice(sales, 'Keep them');
  await expect(sales.getByRole('status').filter({ hasText: "it keeps the supplier's quantity breaks where they are lower." })).toBeVisible();
  await expect(sales.getByRole('row', { name: new RegExp(SKU) }).filter({ hasText: "Supplier's breaks kept where lower" })).toBeVisible();
  await sales.getByRole('link', { name: `← ${VIEW}` }).click();
  await sales.getByRole('link', { name: 'Review and publish' }).click();
  await expect(rises).toContainText('No item gets dearer for Globex Manufacturing at any quantity.');
  await sales.getByRole('button', { name: 'Publish to Globex Manufacturing' }).click();
  await expect(sales.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();

  // Globex pays 70.00 for one, 70.00 from 10 (below the break's 72.35) and still 66.91 from 50.
  const greta = await signIn(browser, 'buyer@globex.test', { baseURL: server.baseURL });
  await greta.goto(`/products/fasteners-2027/${SKU}`);
  await expect(greta.locator('.product-price .net-price strong')).toHaveText('€70.00');
  const breaks = greta.getByRole('table', { name: 'Quantity breaks' }).getByRole('row');
  await expect(breaks.filter({ has: greta.getByRole('cell', { name: '50', exact: true }) })).toContainText('€66.91');
  await expect(breaks.filter({ has: greta.getByRole('cell', { name: '50', exact: true }) })).toContainText("on the supplier's quantity break from 50");
});
