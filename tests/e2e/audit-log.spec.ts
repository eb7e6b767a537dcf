import { test, expect, type Page } from '@playwright/test';
import { signIn, expectAccessible } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';

// Every state-changing action of sales and buyers leaves a readable line in the admin's audit
// log, under a kind the Kind filter offers, with its subject linked. On a server of its own:
// the actions change the demo's views and lists.

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer();
});
test.afterAll(async () => { await server?.stop(); });

const VIEW = 'Globex framework agreement 2027';
const PANEL = 'BL-PAN-25W-27-W';

/** The newest log line of a kind, chosen in the Kind filter as the admin does. */
async function newestOf(admin: Page, kindLabel: string) {
  await admin.goto('/admin/audit');
  await admin.getByLabel('Kind').selectOption({ label: kindLabel });
  await admin.getByRole('button', { name: 'Filter' }).click();
  return admin.getByRole('table').getByRole('row').nth(1);
}

test('each action of the table writes its kind, in words, with its subject linked', async ({ browser }) => {
  test.setTimeout(240_000);
  const opts = { baseURL: server.baseURL };
  const sales = await signIn(browser, 'sales@vitrine.test', opts);
  const greta = await signIn(browser, 'buyer@globex.test', opts);
  const admin = await signIn(browser, 'admin@vitrine.test', opts);

  // The actions, each with the kind (as the filter names it) and the words its line must hold.
  const actions: Array<{ what: string; act: () => Promise<void>; kind: string; says: RegExp }> = [
    {
      what: 'a category percentage', kind: 'Customer view draft changed (prices, products, dates)', says: /Indoor Lighting 2027: discount on Indoor > Downlights none → 12 % off/,
      act: async () => {
        await sales.goto('/sales');
        await sales.getByRole('link', { name: VIEW }).click();
        await sales.getByRole('link', { name: 'Edit rules of Indoor Lighting 2027' }).click();
        await sales.getByLabel('% off Indoor > Downlights', { exact: true }).fill('12');
        await sales.getByRole('button', { name: 'Save categories and percentages' }).click();
        await expect(sales.getByRole('status').filter({ hasText: 'Categories and percentages are saved in the draft.' })).toBeVisible();
      },
    },
    {
      what: 'a fixed price', kind: 'Customer view draft changed (prices, products, dates)', says: new RegExp(`fixed price for ${PANEL} none → €19\\.99`),
      act: async () => {
        await sales.getByLabel('Find items by SKU or name').fill(PANEL);
        await sales.getByRole('button', { name: 'Find' }).click();
        await sales.getByRole('link', { name: `Set a fixed price for ${PANEL}` }).click();
        await sales.getByLabel('Net price (EUR)', { exact: true }).fill('19,99');
        await sales.getByRole('button', { name: 'Save fixed price' }).click();
        await expect(sales.getByRole('status').filter({ hasText: `The fixed price of SKU ${PANEL} is saved in the draft;` })).toBeVisible();
      },
    },
    {
      what: 'hiding an item', kind: 'Customer view draft changed (prices, products, dates)', says: new RegExp(`SKUs hidden added: ${PANEL}`),
      act: async () => {
        await sales.goto('/sales');
        await sales.getByRole('link', { name: VIEW }).click();
        await sales.getByRole('link', { name: 'Edit rules of Indoor Lighting 2027' }).click();
        await sales.getByLabel('Find items by SKU or name').fill(PANEL);
        await sales.getByRole('button', { name: 'Find' }).click();
        await sales.getByRole('button', { name: `Always hide ${PANEL}` }).click();
        await expect(sales.getByRole('status')).toBeVisible();
      },
    },
    {
      what: 'publishing the view', kind: 'Customer view published', says: new RegExp(`Published version 2 of the view “${VIEW}” for Globex Manufacturing: Fasteners 2027 \\(\\d+ items\\), Indoor Lighting 2027 \\(\\d+ items\\)`),
      act: async () => {
        await sales.getByRole('link', { name: `← ${VIEW}` }).click();
        await sales.getByRole('link', { name: 'Review and publish' }).click();
        await sales.getByRole('button', { name: 'Publish to Globex Manufacturing' }).click();
        await expect(sales.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
      },
    },
    {
      what: 'a new requisition list', kind: 'Requisition list created', says: /Created the list “Audit e2e”/,
      act: async () => {
        await greta.goto('/lists');
        await greta.getByLabel('Name', { exact: true }).fill('Audit e2e');
        await greta.getByRole('button', { name: 'Create list' }).click();
        await expect(greta.getByText('Audit e2e').first()).toBeVisible();
      },
    },
  ];

  for (const a of actions) {
    await a.act();
    const line = await newestOf(admin, a.kind);
    await expect(line, a.what).toContainText(a.says);
    await expect(line, a.what).not.toContainText('[object Object]');
  }
  await expectAccessible(admin);

  // The subject links to every event about it: the view's draft changes and its publish.
  await (await newestOf(admin, 'Customer view published')).getByRole('link', { name: /^customer view \d+$/ }).click();
  await expect(admin.getByText(/Showing the events about customer view \d+/)).toBeVisible();
  const rows = admin.getByRole('table').getByRole('row');
  // Newest first: this publish, the three draft changes, the demo's first publish.
  await expect(rows).toHaveCount(1 + 5);
  for (const n of [2, 3, 4]) await expect(rows.nth(n)).toContainText('Customer view draft changed');
  await expect(rows.nth(5)).toContainText('Published version 1');
  await expectAccessible(admin);
});
