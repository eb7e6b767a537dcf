import { test, expect, type Page } from '@playwright/test';
import { signIn, expectAccessible, minorOf } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { cellOfMinor, downloadLiveCsv, minorOfCell, tableCsv, uploadAndWait } from './supplier-support/fasteners-edit.ts';
import { waitForRevisionState } from './supplier-support/revision-state.ts';

// Acme publishes a revision of Fasteners 2027 with two price changes, two new names, one item
// added and one removed; Globex's buyer signs in again and reads it on /catalogs and /changes,
// at Globex's own prices, under the publish that brought it. This spec publishes, so it runs on
// a server and database of its own.

let server: OwnServer;
let seeded: number;
let seedStarted: number;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  seedStarted = Date.now();
  server = await startOwnServer();
  seeded = Date.now();
});
test.afterAll(async () => { await server?.stop(); });

async function yourPrice(page: Page, sku: string): Promise<number> {
  await page.goto(`/products/fasteners-2027/${encodeURIComponent(sku)}`);
  return minorOf(await page.locator('.product-price .net-price strong').innerText());
}

test('a publish shows under its time with the added, removed and changed items at the buyer\'s prices, since the last visit and since any minute', async ({ browser }) => {
  test.setTimeout(240_000);
  const opts = { baseURL: server.baseURL };
  const supplier = await signIn(browser, 'supplier@acme.test', opts);
  const table = await downloadLiveCsv(supplier, 'Fasteners 2027');
  const [sku, name, category, price] = ['SKU', 'Name', 'Category', 'Price'].map((h) => table.col(h)) as [number, number, number, number];
  // Items under the plain 10 % catalog discount (not Anchors, not the fixed-price category).
  const plain = table.rows.filter((r) => !r[category]!.startsWith('Anchors') && !r[category]!.startsWith('Screws > Wood screws > Countersunk'));
  const [up, down, renamedA, renamedB, dropped, template] = plain;

  let greta = await signIn(browser, 'buyer@globex.test', opts);
  await greta.goto('/catalogs');
  await expect(greta.getByText(/Welcome!/)).toBeVisible();
  const upBefore = await yourPrice(greta, up![sku]!);
  const downBefore = await yourPrice(greta, down![sku]!);
  const renamedBefore = await yourPrice(greta, renamedA![sku]!);
  await greta.context().close();
  // The publish falls in a later minute than the demo's own (the views were published when it was seeded).
  const firstMinuteAfterSeed = Math.ceil(seeded / 60_000) * 60_000;
  await new Promise((r) => setTimeout(r, Math.max(0, firstMinuteAfterSeed - Date.now())));

  up![price] = cellOfMinor(Math.round(minorOfCell(up![price]!) * 1.2));
  down![price] = cellOfMinor(Math.round(minorOfCell(down![price]!) * 0.9));
  const oldNameA = renamedA![name]!;
  renamedA![name] = `${oldNameA}, bright finish`;
  renamedB![name] = `${renamedB![name]}, bulk pack`;
  const added = [...template!];
  added[sku] = 'AF-E2E-NEW-1';
  added[name] = 'Hex bolt sampler, new this season';
  table.rows = [...table.rows.filter((r) => r !== dropped), added];
  const revisionUrl = await uploadAndWait(supplier, 'fasteners-edited.csv', tableCsv(table));
  await expect(supplier.locator('.facts')).toContainText('1 added, 1 removed, 4 changed');
  await supplier.getByRole('button', { name: 'Publish now' }).click();
  await waitForRevisionState(supplier, 'Live');
  expect(supplier.url()).toContain(revisionUrl.split('/').pop()!);

  // Signing in again starts a new visit: the list counts what changed since the previous one.
  greta = await signIn(browser, 'buyer@globex.test', opts);
  await greta.goto('/catalogs');
  const row = greta.getByRole('row', { name: /Fasteners 2027/ });
  await expect(row).toContainText('1 new, 1 removed, 4 changed items');
  await row.getByRole('link', { name: '1 new, 1 removed, 4 changed items' }).click();
  await expect(greta).toHaveURL(/\/changes\?since=/);

  const section = greta.getByRole('region', { name: /Fasteners 2027/ });
  await expect(section.getByText(/This catalog is new for you/)).toHaveCount(0);
  const publish = section.getByRole('region', { name: /^Published \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/ });
  await expect(publish).toHaveCount(1);
  await expect(publish.getByRole('table', { name: 'New items (1)' }).getByRole('row', { name: /AF-E2E-NEW-1 Hex bolt sampler/ })).toBeVisible();
  await expect(publish.getByRole('table', { name: 'No longer available (1)' }).getByRole('row', { name: new RegExp(dropped![sku]!) })).toBeVisible();
  const changed = publish.getByRole('table', { name: 'Changed items (4)' });
  const cells = (code: string) => changed.getByRole('row').filter({ has: greta.getByRole('cell', { name: code, exact: true }) }).getByRole('cell');
  const money = async (code: string, n: number) => minorOf(await cells(code).nth(n).innerText());
  expect(await money(up![sku]!, 2)).toBe(upBefore);
  const upNow = await money(up![sku]!, 3);
  expect(upNow).toBeGreaterThan(upBefore);
  await expect(cells(up![sku]!).nth(4)).toHaveText(/^\+(19|20|21)\.\d %$/);
  expect(await money(down![sku]!, 2)).toBe(downBefore);
  await expect(cells(down![sku]!).nth(4)).toHaveText(/^-(9|10|11)\.\d %$/);
  await expect(cells(renamedA![sku]!).nth(5)).toHaveText(`name: ${oldNameA} → ${oldNameA}, bright finish`);
  expect(await money(renamedA![sku]!, 2)).toBe(renamedBefore);
  expect(await money(renamedA![sku]!, 3)).toBe(renamedBefore);
  await expect(cells(renamedA![sku]!).nth(4)).toHaveText('—');
  await expectAccessible(greta);
  // The buyer's price now on the product page is the one the feed shows.
  expect(await yourPrice(greta, up![sku]!)).toBe(upNow);

  // Since the minute the demo was seeded the catalog entered Globex's view (its views were published
  // then): it is new, and the publish follows. (Not "since today": a run may cross midnight UTC.)
  await greta.goto('/changes');
  await greta.getByLabel('Since (UTC)').fill(new Date(Math.floor(seedStarted / 60_000) * 60_000).toISOString().slice(0, 16));
  await greta.getByRole('button', { name: 'Show changes' }).click();
  await expect(section.getByText(/This catalog is new for you since .*: 979 items\./)).toBeVisible();
  await expect(section.getByRole('region', { name: /^Published / })).toHaveCount(1);

  // Down to the minute: from the minute of the publish on it shows, from the next minute on it does not.
  const minute = new Date(firstMinuteAfterSeed).toISOString().slice(0, 16);
  await greta.getByLabel('Since (UTC)').fill(minute);
  await greta.getByRole('button', { name: 'Show changes' }).click();
  await expect(greta).toHaveURL(new RegExp(`since=${encodeURIComponent(minute)}`));
  await expect(section.getByRole('table', { name: 'Changed items (4)' })).toBeVisible();
  await expect(section.getByText(/new for you/)).toHaveCount(0);
  await expectAccessible(greta);
  expect((await greta.goto('/changes?since=2099-01-01T10:00'))?.status()).toBe(400);
  await expect(greta.getByText('Choose a date that is not in the future.')).toBeVisible();
});
