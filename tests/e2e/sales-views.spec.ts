import { test, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

// Sales gives Globex 12% off a category and a fixed price on one SKU and publishes; a Globex
// buyer's ERP (bearer token) sees those prices through the JSON API, an Initech buyer's (session
// cookie) see theirs unchanged. Sales works with JavaScript off: every step is a plain form.
// At the end sales puts version 1 back, so later specs meet the seeded prices.

const INDOOR = 'indoor-lighting-2027';
const PANEL = 'BL-PAN-25W-27-W';
const VIEW = 'Globex framework agreement 2027';

interface ApiItem { sku: string; category: string; listPrice: { amountMinor: number }; netPrice: { amountMinor: number }; priceRule: { kind: string; explanation: string } }

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

async function apiItem(request: APIRequestContext, sku: string, headers: Record<string, string> = {}): Promise<ApiItem> {
  const response = await request.get(`/api/v1/catalog/${INDOOR}/items/${encodeURIComponent(sku)}`, { headers });
  expect(response.status(), `GET ${sku}`).toBe(200);
  return ((await response.json()) as { item: ApiItem }).item;
}

/** Half-up rounding of a percentage off, as the pricing module documents it. */
const percentOff = (minor: number, percent: number) => Math.floor((minor * (100 - percent)) / 100 + 0.5);

test.describe.configure({ mode: 'serial' });

test('sales publishes 12% off a category and a fixed price for Globex; Initech’s prices do not change', async ({ browser, request }) => {
  // An Initech buyer (session cookie) and a Globex buyer's ERP (an API token the buyer creates).
  const initech = await signIn(browser, 'buyer@initech.test');
  const globex = await signIn(browser, 'buyer@globex.test');
  await globex.goto('/account/tokens');
  await globex.getByLabel('Token name').fill('ERP e2e');
  await globex.getByRole('button', { name: 'Create token' }).click();
  const token = await globex.getByLabel('Token', { exact: true }).inputValue();
  expect(token).toMatch(/^vit_/);
  const erp = { authorization: `Bearer ${token}` };

  const downlights = await request.get(`/api/v1/catalog/${INDOOR}/items?q=downlight&pageSize=1`, { headers: erp });
  const downlight = ((await downlights.json()) as { items: ApiItem[] }).items[0]!;
  expect(downlight.category).toMatch(/^Indoor > Downlights/);
  const initechBefore = [await apiItem(initech.request, downlight.sku), await apiItem(initech.request, PANEL)];
  expect(initechBefore[0]!.netPrice.amountMinor).toBe(percentOff(downlight.listPrice.amountMinor, 8));
  expect((await apiItem(request, PANEL, erp)).netPrice.amountMinor).toBe(percentOff(2240, 5));

  // Sales, without JavaScript.
  const sales = await signIn(browser, 'sales@vitrine.test', { javaScriptEnabled: false });
  await sales.goto('/sales');
  await sales.getByRole('link', { name: VIEW }).click();
  await sales.getByRole('link', { name: 'Edit rules of Indoor Lighting 2027' }).click();
  await expect(sales.getByRole('checkbox', { name: 'Lamps > LED tubes', exact: true })).not.toBeChecked();
  await sales.getByLabel('% off Indoor > Downlights', { exact: true }).fill('12');
  await sales.getByRole('button', { name: 'Save categories and percentages' }).click();
  await expect(sales.getByRole('status').filter({ hasText: 'Categories and percentages are saved in the draft.' })).toBeVisible();
  await expect(sales.getByLabel('% off Indoor > Downlights', { exact: true })).toHaveValue('12');

  await sales.getByLabel('Find items by SKU or name').fill(PANEL);
  await sales.getByRole('button', { name: 'Find' }).click();
  await sales.getByRole('link', { name: `Set a fixed price for ${PANEL}` }).click();
  await expect(sales.getByLabel('SKU', { exact: true })).toHaveValue(PANEL);
  await sales.getByLabel('Net price (EUR)', { exact: true }).fill('19,99');
  await sales.getByRole('button', { name: 'Save fixed price' }).click();
  await expect(sales.getByRole('status').filter({ hasText: `The fixed price of SKU ${PANEL} is saved in the draft; it replaces the supplier's quantity breaks.` })).toBeVisible();

  // A draft changes nothing for buyers.
  expect((await apiItem(request, downlight.sku, erp)).netPrice.amountMinor).toBe(percentOff(downlight.listPrice.amountMinor, 5));

  await sales.getByRole('link', { name: `← ${VIEW}` }).click();
  await expect(sales.getByText('with unpublished changes')).toBeVisible();
  await sales.getByRole('link', { name: 'Review and publish' }).click();
  const samples = sales.getByRole('table').filter({ hasText: 'why' });
  await expect(samples.getByText(`12% off Indoor > Downlights (category rule), view “${VIEW}”`).first()).toBeVisible();
  await expect(samples.getByText(`Fixed net price for SKU ${PANEL} (fixed price), view “${VIEW}”`)).toBeVisible();
  await sales.getByRole('button', { name: 'Publish to Globex Manufacturing' }).click();
  await expect(sales.getByRole('status').filter({ hasText: 'Published.' })).toBeVisible();
  await expect(sales.getByText('Published (version 2)')).toBeVisible();

  // The Globex ERP sees the new prices at once; Initech's are unchanged.
  const globexDownlight = await apiItem(request, downlight.sku, erp);
  expect(globexDownlight.netPrice.amountMinor).toBe(percentOff(downlight.listPrice.amountMinor, 12));
  expect(globexDownlight.priceRule.explanation).toBe('12% off Indoor > Downlights (category rule)');
  const globexPanel = await apiItem(request, PANEL, erp);
  expect(globexPanel.netPrice.amountMinor).toBe(1999);
  expect(globexPanel.priceRule.kind).toBe('fixed');
  expect([await apiItem(initech.request, downlight.sku), await apiItem(initech.request, PANEL)]).toEqual(initechBefore);

  // Sales' preview shows the same price, under a banner.
  await sales.getByRole('link', { name: 'Preview the draft as Globex Manufacturing' }).click();
  await expect(sales.getByRole('region', { name: 'Preview' })).toContainText('Preview — you are seeing what Globex Manufacturing');
  await sales.getByLabel('SKU or name').fill(PANEL);
  await sales.getByRole('button', { name: 'Show' }).click();
  await expect(sales.getByRole('row').filter({ hasText: PANEL })).toContainText('€19.99');

  // Back to the seeded prices: version 1 copied into the draft and published as version 3.
  await sales.goto('/sales');
  await sales.getByRole('link', { name: VIEW }).click();
  await sales.getByRole('button', { name: 'Copy into the draft (version 1)' }).click();
  await sales.getByRole('link', { name: 'Review and publish' }).click();
  await sales.getByRole('button', { name: 'Publish to Globex Manufacturing' }).click();
  await expect(sales.getByText('Published (version 3)')).toBeVisible();
  expect((await apiItem(request, PANEL, erp)).netPrice.amountMinor).toBe(percentOff(2240, 5));

  await globex.goto('/account/tokens');
  await globex.getByRole('button', { name: 'Revoke ERP e2e' }).click();
  expect((await request.get('/api/v1/catalog', { headers: erp })).status()).toBe(401);
});

test('the category tree carries a box onto its subtree when JavaScript runs, and sales sees what needs a publish', async ({ browser }) => {
  const sales = await signIn(browser, 'sales@vitrine.test');
  await sales.goto('/sales');
  await sales.getByRole('link', { name: VIEW }).click();
  await sales.getByRole('link', { name: 'Edit rules of Indoor Lighting 2027' }).click();
  const lamps = sales.getByRole('checkbox', { name: 'Lamps', exact: true });
  const bulbs = sales.getByRole('checkbox', { name: 'Lamps > LED bulbs > E27', exact: true });
  await expect(bulbs).toBeChecked();
  await lamps.uncheck();
  await expect(bulbs).not.toBeChecked();
  await bulbs.check();
  await expect(lamps).toBeChecked();
  await expect(sales.getByRole('checkbox', { name: 'Lamps > LED tubes', exact: true })).not.toBeChecked();

  // A fixed-price file with bad rows: every problem by row and column, and nothing changes.
  await sales.getByLabel('File (CSV or XLSX, up to 1 MB)').setInputFiles(join(import.meta.dirname, '..', 'integration', 'views', 'fixtures', 'fixed-prices-with-errors.csv'));
  await sales.getByRole('button', { name: 'Upload fixed prices' }).click();
  await expect(sales.getByRole('alert')).toContainText('Nothing was changed: 4 problems in 5 rows.');
  const problems = sales.getByRole('table', { name: 'Problems in the uploaded file' });
  await expect(problems.getByRole('row').filter({ hasText: 'Row 3, column "Festpreis": "abc" is not a valid price' })).toBeVisible();
  await expect(problems.getByRole('row').filter({ hasText: 'SKU BL-PAN-25W-27-W already has a price in row 2' })).toBeVisible();
  await expect(sales.getByText('No fixed price yet.')).toBeVisible();
  // Nothing was saved: the view has no unpublished changes.
  await sales.getByRole('link', { name: `← ${VIEW}` }).click();
  await expect(sales.getByText(/^Published \(version \d+\)$/)).toBeVisible();
  await expect(sales.getByText('with unpublished changes')).toHaveCount(0);
});

test('the sales pages have no serious or critical accessibility violations', async ({ browser }) => {
  test.setTimeout(240_000); // axe-core walks every node of six pages on a shared, busy machine
  const sales = await signIn(browser, 'sales@vitrine.test');
  await sales.goto('/sales');
  const visited: string[] = [];
  const check = async () => {
    const { violations } = await new AxeBuilder({ page: sales }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), sales.url()).toEqual([]);
    visited.push(new URL(sales.url()).pathname);
  };
  await check();
  await sales.getByRole('link', { name: 'Globex Manufacturing' }).first().click();
  await check();
  await sales.getByRole('link', { name: 'Preview what Globex Manufacturing' }).click();
  await sales.getByLabel('SKU or name').fill('BL-PAN-25W'); // a few rows: axe's cost grows with every cell
  await sales.getByRole('button', { name: 'Show' }).click();
  await check();
  await sales.goto('/sales');
  await sales.getByRole('link', { name: VIEW }).click();
  await check();
  await sales.getByRole('link', { name: 'Edit rules of Indoor Lighting 2027' }).click();
  await sales.getByLabel('Find items by SKU or name').fill('BL-PAN');
  await sales.getByRole('button', { name: 'Find' }).click();
  await check();
  await sales.goto(visited[3]! + '/review');
  await check();
  expect(visited).toHaveLength(6);
});

test('a buyer cannot run sales’ actions, through the form route or the action route', async ({ browser, baseURL }) => {
  const buyer = await signIn(browser, 'buyer@initech.test');
  const origin = { origin: new URL(baseURL!).origin };
  const viaPage = await buyer.request.post('/sales/views/1?_action=views.withdraw', { form: { viewId: '1' }, headers: origin, maxRedirects: 0 });
  expect(viaPage.status()).toBe(404);
  const viaAction = await buyer.request.post('/_actions/views.withdraw', { form: { viewId: '1' }, headers: origin });
  expect(viaAction.status()).toBe(403);
  const sales = await signIn(browser, 'sales@vitrine.test');
  await sales.goto('/sales');
  await expect(sales.getByRole('row').filter({ hasText: VIEW })).toContainText(/Published \(version \d+\)/);
});
