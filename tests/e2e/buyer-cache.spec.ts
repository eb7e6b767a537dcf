import { test, expect } from '@playwright/test';
import { signIn, expectAccessible } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { publishWithNewPrices } from './buyer-support/publish.ts';

// Catalog pages come from the page cache on a repeat visit, per customer scope, and a publish
// drops them at once; /changes then shows the move at the buyer's prices. This spec publishes,
// so it runs on a server and database of its own.

let server: OwnServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer();
});
test.afterAll(async () => { await server?.stop(); });

test('a repeat visit is served from cache per customer; a publish invalidates it and /changes shows the move', async ({ browser }) => {
  test.setTimeout(240_000);
  const globex = await signIn(browser, 'buyer@globex.test', { baseURL: server.baseURL });
  const initech = await signIn(browser, 'buyer@initech.test', { baseURL: server.baseURL });
  const path = '/catalogs/indoor-lighting-2027/indoor/panels/recessed';
  const price = (page: typeof globex) => page.getByRole('row', { name: /BL-PAN-25W-27-W/ }).locator('.net-price strong');

  expect((await globex.goto(path))?.headers()['x-page-cache']).toBe('miss');
  expect((await globex.goto(path))?.headers()['x-page-cache']).toBe('hit');
  await expect(price(globex)).toHaveText('€21.28');
  await expect(globex.locator('.site-header')).toContainText('Greta Globex'); // the header is never cached
  // Another customer's first visit is its own: no Globex entry is served to Initech.
  expect((await initech.goto(path))?.headers()['x-page-cache']).toBe('miss');
  await expect(price(initech)).toHaveText('€20.61');
  expect((await initech.goto(path))?.headers()['x-page-cache']).toBe('hit');
  await expect(initech.locator('.site-header')).toContainText('Ivan Initech');

  const before = new Date();
  await new Promise((r) => setTimeout(r, 1100));
  await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'indoor-lighting-2027', { 'BL-PAN-25W-27-W': 2500 });
  const after = await globex.goto(path);
  expect(after?.headers()['x-page-cache']).toBe('miss');
  await expect(price(globex)).toHaveText('€23.75'); // 5% off the new €25.00
  expect((await globex.goto(path))?.headers()['x-page-cache']).toBe('hit');

  await globex.goto(`/changes?since=${encodeURIComponent(before.toISOString())}`);
  const section = globex.getByRole('region', { name: /Indoor Lighting 2027/ });
  const moves = section.getByRole('table', { name: 'Changed items (1)' });
  await expect(moves.getByRole('row', { name: /BL-PAN-25W-27-W .* €21\.28 €23\.75 \+11\.6 %/ })).toBeVisible();
  await expectAccessible(globex);
  // The date field refuses a future date itself; typed into the URL, the page says why.
  await expect(globex.getByLabel('Since (UTC)')).toHaveAttribute('max', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  expect((await globex.goto('/changes?since=2099-01-01'))?.status()).toBe(400);
  await expect(globex.getByText('Choose a date that is not in the future.')).toBeVisible();
});
