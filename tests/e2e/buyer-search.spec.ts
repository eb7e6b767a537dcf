import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

// A demo buyer searching the catalogs of their views in Chromium, as a person would.

async function signIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

const status = (page: Page) => page.getByRole('status');
const results = (page: Page) => page.getByRole('list', { name: 'Results' }).getByRole('listitem');
const searchBox = (page: Page) => page.getByLabel('Search by name, SKU, EAN or manufacturer part number');

/** The buyer's prices of the results, in minor units, as shown. */
async function shownPrices(page: Page): Promise<number[]> {
  const texts = await page.locator('.search-hit .hit-price strong').allInnerTexts();
  return texts.map((t) => Math.round(Number(t.replace(/[^\d.]/g, '')) * 100));
}

test('results appear while typing; a SKU is found whatever its separators; typos are forgiven', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Search the catalogs' })).toBeVisible();

  await searchBox(page).pressSequentially('countersunk', { delay: 40 });
  await expect(page).toHaveURL(/\/search\?q=countersunk$/); // no Enter: the page updated itself
  await expect(status(page)).toHaveText(/^\d+ items found/);
  await expect(results(page).first().locator('mark').first()).toHaveText(/countersunk/i);
  await expect(searchBox(page)).toBeFocused();

  await searchBox(page).fill('af ws cs 3012 z');
  await expect(results(page).first()).toContainText('AF-WS-CS-3012-Z');
  await expect(results(page).first()).toContainText('exact code match');
  await searchBox(page).fill('AFWSCS3012Z');
  await expect(results(page).first()).toContainText('AF-WS-CS-3012-Z');

  await searchBox(page).fill('countresunk');
  await expect(page.getByText('Also showing matches for countersunk (you typed “countresunk”)')).toBeVisible();
  await expect(status(page)).toHaveText(/^\d+ items found/);
});

test('facets narrow and combine, the URL holds the search, and sorting by price uses the buyer prices', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/search?q=screw');
  const all = Number((await status(page).innerText()).match(/^([\d,]+)/)![1]!.replace(/,/g, ''));

  const categories = page.getByRole('region', { name: 'Category' });
  await categories.getByRole('link', { name: 'Screws' }).click();
  await expect(page).toHaveURL(/category=Screws/);
  await categories.getByRole('link', { name: 'Wood screws' }).click();
  await expect(categories.getByRole('list').first()).toContainText('Wood screws');
  const wood = Number((await status(page).innerText()).match(/^([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(wood).toBeLessThan(all);

  const price = page.getByRole('region', { name: 'Your price' });
  const band = price.getByRole('link').first();
  const bandLabel = (await band.innerText()).replace('☐', '').trim();
  await band.click();
  await expect(page).toHaveURL(/price=EUR%3A/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Price: ${bandLabel}`);

  await page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: 'Price' }).click();
  await expect(page).toHaveURL(/sort=price/);
  const prices = await shownPrices(page);
  expect(prices.length).toBeGreaterThan(0);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));

  // The same address shows a colleague the same search; another company sees its own catalogs only.
  const shared = page.url();
  const shownHere = await status(page).innerText();
  const colleague = await signIn(browser, 'buyer@globex.test');
  await colleague.goto(shared);
  await expect(status(colleague)).toHaveText(shownHere);
  const initech = await signIn(browser, 'buyer@initech.test');
  await initech.goto(shared);
  await expect(status(initech)).toHaveText('No items found');
});

test('pages of results, and help when nothing matches', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@globex.test');
  await page.goto('/search?q=screw&sort=name');
  await expect(status(page)).toHaveText(/page 1 of \d+/);
  const firstPage = await results(page).first().innerText();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(status(page)).toHaveText(/page 2 of \d+/);
  expect(await results(page).first().innerText()).not.toBe(firstPage);

  await page.goto('/search?q=countersunk&catalog=indoor-lighting-2027');
  await expect(page.getByRole('heading', { name: /No items match “countersunk” with these filters/ })).toBeVisible();
  await page.getByRole('link', { name: 'Remove the catalog filter' }).click();
  await expect(status(page)).toHaveText(/^\d+ items found/);

  const initech = await signIn(browser, 'buyer@initech.test');
  await initech.goto('/search?q=flodlihgt');
  await initech.getByRole('link', { name: 'floodlight' }).click();
  await expect(status(initech)).toHaveText(/^\d+ items found/);
  await expect(results(initech).first()).toContainText(/floodlight/i);
});

test('without JavaScript the search is a plain form', async ({ browser }) => {
  const page = await signIn(browser, 'buyer@initech.test', { javaScriptEnabled: false });
  await page.goto('/search');
  await searchBox(page).fill('led panel');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?q=led\+panel$/);
  await expect(status(page)).toHaveText(/^\d+ items found/);
  await expect(results(page).first().locator('mark').first()).toBeVisible();
});

test('only buyers search; /healthz reports the search engine and its sync lag to an admin', async ({ browser }) => {
  const supplier = await signIn(browser, 'supplier@acme.test');
  const response = await supplier.goto('/search?q=screw');
  expect(response?.status()).toBe(404);
  const admin = await signIn(browser, 'admin@vitrine.test');
  await expect.poll(async () => (await (await admin.request.get('/healthz')).json()).search, { timeout: 15_000 })
    .toEqual({ engine: 'embedded', ok: true, outbox: { pending: 0, lagSeconds: 0, failing: 0 } });
});
