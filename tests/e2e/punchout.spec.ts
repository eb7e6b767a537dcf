import { test, expect, type Page } from '@playwright/test';
import { cxmlDtdProblems, cxmlSetupRequest, startBasketReceiver, type BasketReceiver } from '#tests/support/procurement-system.ts';
import { DEMO_PUNCHOUT_SECRET } from '#seed/demo-punchout.ts';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// PunchOut in Chromium, the procurement system played by a real HTTP server on 127.0.0.1: the
// setup, the start page, items added from a product page (past a quantity break), from a search
// and from a category page, then "Transfer", whose page posts the basket back on its own.

let receiver: BasketReceiver;
test.beforeAll(async () => { receiver = await startBasketReceiver(); });
test.afterAll(async () => { await receiver.close(); });

/** The basket page's lines as the buyer reads them: SKU → quantity and unit price text. */
async function basketLines(page: Page): Promise<Map<string, { quantity: string; unitPrice: string }>> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Basket' }).click();
  const rows = page.getByRole('table', { name: 'Lines of the basket' }).locator('tbody tr');
  const lines = new Map<string, { quantity: string; unitPrice: string }>();
  for (const row of await rows.all()) {
    const sku = (await row.locator('td').nth(0).innerText()).trim();
    lines.set(sku, { quantity: await row.locator('input[name="quantity"]').inputValue(), unitPrice: (await row.locator('td').nth(3).innerText()).trim() });
  }
  return lines;
}

const euros = (text: string) => text.replace('€', '').replace(/,/g, '');

test('cXML: setup, start page, three items in Chromium, transfer: a valid PunchOutOrderMessage at the buyer’s net prices', async ({ page, request, baseURL }) => {
  const setup = await request.post('/punchout/cxml', { data: cxmlSetupRequest({ identity: 'globex-procurement', secret: DEMO_PUNCHOUT_SECRET, returnUrl: receiver.returnUrl, buyerCookie: 'e2e-cookie' }), headers: { 'content-type': 'text/xml' } });
  const startUrl = /<StartPage><URL>([^<]+)<\/URL>/.exec(await setup.text())![1]!;
  expect(startUrl.startsWith(baseURL!)).toBe(true);
  await page.goto(startUrl);
  await expect(page).toHaveURL(/\/catalogs$/);
  const banner = page.getByRole('region', { name: 'Procurement session' });
  await expect(banner).toContainText('Shopping for Globex SAP Ariba at Globex Manufacturing’s prices.');
  // The buyer's account pages are out of reach in a punchout session.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' })).toHaveCount(0);

  // 1. A product page, past the quantity break at 10 packs.
  await page.goto('/products/fasteners-2027/AF-WS-CS-3020-Z');
  await page.getByLabel('Quantity (Pack)').fill('12');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(banner.getByRole('status')).toHaveText('Added to the basket: 12 × AF-WS-CS-3020-Z');

  // 2. Found by a search, added from its product page.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search by name, SKU, EAN or manufacturer part number').fill('universal plastic anchor');
  await page.getByLabel('Search by name, SKU, EAN or manufacturer part number').press('Enter');
  await page.getByRole('link', { name: 'Universal plastic anchor M3 x 30 mm, steel, zinc plated, pack of 100', exact: true }).click();
  await expect(page).toHaveURL(/\/products\/fasteners-2027\/AF-AN-UX-3030-Z$/);
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(banner.getByRole('status')).toHaveText('Added to the basket: 1 × AF-AN-UX-3030-Z');

  // 3. From a category page's list of items.
  await page.goto('/catalogs/indoor-lighting-2027/indoor/panels/recessed');
  await page.getByLabel('Quantity of BL-PAN-25W-27-W').fill('2');
  await page.getByRole('button', { name: 'Add BL-PAN-25W-27-W to list' }).click();
  await expect(banner.getByRole('status')).toHaveText('Added to the basket: 2 × BL-PAN-25W-27-W');

  const lines = await basketLines(page);
  expect([...lines.keys()].sort()).toEqual(['AF-AN-UX-3030-Z', 'AF-WS-CS-3020-Z', 'BL-PAN-25W-27-W']);
  // Past the break (€3.46 list), then Globex's 10 % off: what the basket shows is what is sent.
  expect(lines.get('AF-WS-CS-3020-Z')!.unitPrice).toBe('€3.11');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Transfer to Globex SAP Ariba' }).click();
  // The transfer page's script posts the form to the procurement system by itself.
  await expect(page.getByRole('heading', { name: 'Basket received by the procurement system' })).toBeVisible();
  const message = (await receiver.nextBasket()).get('cxml-urlencoded')!;
  expect(cxmlDtdProblems(message)).toBe('');
  expect(message).toContain('<BuyerCookie>e2e-cookie</BuyerCookie>');
  for (const [sku, line] of lines) {
    expect(message).toMatch(new RegExp(`<ItemIn quantity="${line.quantity}"><ItemID><SupplierPartID>${sku}</SupplierPartID>.*?<UnitPrice><Money currency="EUR">${euros(line.unitPrice)}</Money>`));
  }

  // The session has ended: its start link and its pages are gone.
  await page.goto(startUrl);
  await expect(page.getByRole('alert')).toHaveText(/This start link has been used already/);
});

test('OCI: Initech’s session shows Initech’s prices, never Globex’s, and returns the OCI fields', async ({ page }) => {
  const call = new URLSearchParams({ USERNAME: 'initech-oci', PASSWORD: DEMO_PUNCHOUT_SECRET, HOOK_URL: receiver.returnUrl, '~OkCode': 'ADDI', '~target': '_top', '~caller': 'CTLG' });
  await page.goto(`/punchout/oci?${call}`);
  await expect(page.getByRole('region', { name: 'Procurement session' })).toContainText('Shopping for Initech SAP SRM at Initech’s prices.');
  await page.goto('/products/indoor-lighting-2027/BL-PAN-25W-27-W');
  // €22.40 list: Initech's 8 % off; Globex's 5 % off (€21.28) is nowhere on the page.
  await expect(page.locator('main')).toContainText('€20.61');
  await expect(page.locator('main')).not.toContainText('€21.28');
  await page.getByLabel('Quantity (Piece)').fill('3');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  // Globex's fasteners are not Initech's business: as if they did not exist.
  const fasteners = await page.goto('/catalogs/fasteners-2027');
  expect(fasteners?.status()).toBe(404);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogs' }).click();
  await page.getByRole('button', { name: 'Transfer to Initech SAP SRM' }).click();
  await expect(page.getByRole('heading', { name: 'Basket received by the procurement system' })).toBeVisible();
  const fields = await receiver.nextBasket();
  expect(fields.get('NEW_ITEM-VENDORMAT[1]')).toBe('BL-PAN-25W-27-W');
  expect(fields.get('NEW_ITEM-QUANTITY[1]')).toBe('3');
  expect(fields.get('NEW_ITEM-PRICE[1]')).toBe('20.61');
  expect(fields.get('NEW_ITEM-UNIT[1]')).toBe('C62');
  expect(fields.get('NEW_ITEM-CURRENCY[1]')).toBe('EUR');
  expect(fields.get('NEW_ITEM-MANUFACTCODE[1]')).toBe('Bright Lighting');
  expect(fields.get('~OkCode')).toBe('ADDI');
  expect(fields.get('~caller')).toBe('CTLG');
});

test('cancel sends an empty basket back and ends the session', async ({ page, request }) => {
  const setup = await request.post('/punchout/cxml', { data: cxmlSetupRequest({ identity: 'globex-procurement', secret: DEMO_PUNCHOUT_SECRET, returnUrl: receiver.returnUrl }), headers: { 'content-type': 'text/xml' } });
  await page.goto(/<StartPage><URL>([^<]+)<\/URL>/.exec(await setup.text())![1]!);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Basket received by the procurement system' })).toBeVisible();
  const message = (await receiver.nextBasket()).get('cxml-urlencoded')!;
  expect(cxmlDtdProblems(message)).toBe('');
  expect(message).not.toContain('<ItemIn');
  await page.goto('/catalogs');
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('sales creates a connection, sees its secret once, and switching it off refuses its setups', async ({ browser, request }) => {
  const page = await signIn(browser, 'sales@vitrine.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Procurement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Procurement connections' })).toBeVisible();
  const fill = async (buyer: string) => {
    await page.getByLabel('Customer', { exact: true }).selectOption({ label: 'Initech' });
    await page.getByLabel('Procurement system’s name (shown on “Transfer to …”)').fill('Initech Coupa');
    await page.getByLabel('Protocol', { exact: true }).selectOption('cxml');
    await page.getByLabel('Identity (cXML From/Sender identity, or OCI USERNAME)').fill('initech-coupa');
    await page.getByLabel('Buyer account the sessions act as (a dedicated buyer of the customer)').fill(buyer);
    await page.getByLabel('Allowed return hosts (BrowserFormPost / HOOK_URL), separated by commas').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Create the connection' }).click();
  };
  // A buyer of another customer cannot be the connection's account: said, and nothing typed is lost.
  await fill('buyer@globex.test');
  await expect(page.getByRole('alert')).toHaveText('buyer@globex.test is not a buyer account of Initech: create a dedicated buyer for the connection first.');
  await expect(page.getByLabel('Identity (cXML From/Sender identity, or OCI USERNAME)')).toHaveValue('initech-coupa');
  await fill('buyer@initech.test');
  const secret = (await page.getByTestId('new-secret').innerText()).trim();
  expect(secret.length).toBeGreaterThan(20);
  const row = page.getByRole('row', { name: /initech-coupa/ });
  await expect(row).toContainText('Initech Coupa');
  await page.goto('/punchout/connections');
  await expect(page.locator('main')).not.toContainText(secret);
  await expectAccessible(page);

  const setUp = async () => {
    const res = await request.post('/punchout/cxml', { data: cxmlSetupRequest({ identity: 'initech-coupa', secret, returnUrl: receiver.returnUrl }), headers: { 'content-type': 'text/xml' } });
    return /<Status code="(\d+)" text="([^"]*)"/.exec(await res.text())!.slice(1);
  };
  expect(await setUp()).toEqual(['200', 'OK']);
  await page.getByRole('button', { name: 'Switch off initech-coupa' }).click();
  await expect(page.getByRole('status')).toHaveText('The connection is switched.');
  expect(await setUp()).toEqual(['401', 'This connection is switched off. Ask your supplier’s sales contact to switch it on again.']);
  await page.getByRole('button', { name: 'Switch on initech-coupa' }).click();
  expect(await setUp()).toEqual(['200', 'OK']);
});

test('the try-out page plays the procurement system: setup, start page, and the basket back, decoded', async ({ browser }) => {
  const page = await signIn(browser, 'sales@vitrine.test');
  await page.goto('/punchout/try');
  await page.getByLabel('Identity (cXML) or USERNAME (OCI)').fill('globex-procurement');
  await page.getByLabel('Shared secret or PASSWORD').fill(DEMO_PUNCHOUT_SECRET);
  await page.getByRole('button', { name: 'Send the setup' }).click();
  await expect(page.getByRole('heading', { name: 'Answer (HTTP 200)' })).toBeVisible();
  await expect(page.locator('pre').first()).toContainText('<SharedSecret>…</SharedSecret>');
  const [shop] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Open the start page' }).click()]);
  await shop.waitForURL(/\/catalogs$/);
  await shop.goto('/products/indoor-lighting-2027/BL-PAN-25W-27-W');
  await shop.getByRole('button', { name: 'Add to basket' }).click();
  await shop.getByRole('button', { name: 'Transfer to Globex SAP Ariba' }).click();
  await expect(shop.getByRole('heading', { name: 'Basket received' })).toBeVisible();
  await expect(shop.locator('pre')).toContainText('<SupplierPartID>BL-PAN-25W-27-W</SupplierPartID>');
  await expect(shop.locator('pre')).toContainText('<Money currency="EUR">21.28</Money>');
});
