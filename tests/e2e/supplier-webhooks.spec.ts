import { test, expect } from '@playwright/test';
import { signIn, expectAccessible } from './buyer-support/session.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { publishWithNewPrices } from './buyer-support/publish.ts';
import { startWebhookReceiver, signatureIsValid, type WebhookReceiver } from '#tests/support/webhook-receiver.ts';

// A supplier registers a webhook endpoint in Chromium: a wrong URL is refused beside its field
// with what was typed kept, the signing secret is shown once, a publish reaches the receiver
// (answered 500 first, retried), and "Send again" in the delivery log sends it once more. The
// receiver runs on 127.0.0.1, so this server allows private addresses, as the demo does; it
// publishes, so it has a server and database of its own.

let server: OwnServer;
let receiver: WebhookReceiver;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startOwnServer({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_RETRY_BASE_MS: '500' });
  receiver = await startWebhookReceiver([{ status: 500, body: 'receiver restarting' }]);
});
test.afterAll(async () => {
  await receiver?.close();
  await server?.stop();
});

test('a supplier registers an endpoint, copies its secret once, sees the deliveries and sends one again', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, 'supplier@acme.test', { baseURL: server.baseURL });
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await expect(page.getByText('No endpoints yet.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /view\.published/ }), 'a supplier is offered no customer view events').toHaveCount(0);

  // Bad input: an address that is not a URL, then no event chosen; what was typed stays.
  await page.getByLabel('URL').fill('erp.acme.example/hooks');
  await page.getByLabel('Description').fill('Our ERP');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText('This is not a complete URL')).toBeVisible();
  await expect(page.getByLabel('URL')).toHaveValue('erp.acme.example/hooks');
  await expect(page.getByLabel('Description')).toHaveValue('Our ERP');
  await page.getByLabel('URL').fill(receiver.url);
  for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText('Choose at least one event to be told of.')).toBeVisible();
  await expect(page.getByLabel('URL')).toHaveValue(receiver.url);

  await page.getByRole('checkbox', { name: /catalog\.published/ }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page).toHaveURL(/\/supplier\/webhooks\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Webhook endpoint' })).toBeVisible();
  const secret = await page.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_[a-z2-7]{32}$/);
  await expectAccessible(page);
  const endpointUrl = page.url();
  await page.reload();
  await expect(page.getByLabel('Signing secret'), 'the secret is shown once').toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByText('Nothing sent yet')).toBeVisible();

  // Acme publishes new prices; the receiver answers 500 once, and the retry is delivered.
  await publishWithNewPrices(server.databaseUrl, server.mediaDir, 'fasteners-2027', {});
  await receiver.waitFor(2, 30_000);
  const log = page.getByRole('table');
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole('row').nth(1)).toContainText('Delivered');
  }).toPass({ timeout: 20_000 });
  const first = log.getByRole('row').nth(1);
  await expect(first).toContainText('catalog.published');
  await expect(first.getByRole('cell').nth(3)).toHaveText('2'); // attempts
  await expect(first).toContainText('HTTP 200');

  await first.getByRole('button', { name: /Send delivery \d+ again/ }).click();
  await expect(page).toHaveURL(new RegExp(`${endpointUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?resent=\\d+$`));
  await expect(page.getByRole('status')).toContainText(/Delivery \d+ is on its way/);
  const all = await receiver.waitFor(3, 20_000);
  expect(all[2]!.body).toBe(all[0]!.body); // the same event, the same id
  for (const got of all) expect(signatureIsValid(got.headers['vitrine-signature'], got.body, secret)).toBe(true);
  expect(JSON.parse(all[2]!.body)).toMatchObject({ type: 'catalog.published', data: { catalog: { slug: 'fasteners-2027' } } });
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole('row')).toHaveCount(3);
    await expect(log.getByRole('row').nth(1)).toContainText(/sent again from delivery \d+/);
    await expect(log.getByRole('row').nth(1)).toContainText('Delivered');
  }).toPass({ timeout: 20_000 });

  // Another supplier cannot send Acme's deliveries again, nor a buyer add an endpoint: the actions check it themselves.
  const endpointId = /\/supplier\/webhooks\/(\d+)/.exec(endpointUrl)![1]!;
  const deliveryId = await first.locator('input[name="deliveryId"]').getAttribute('value');
  const bright = await signIn(browser, 'supplier@bright.test', { baseURL: server.baseURL });
  const buyer = await signIn(browser, 'buyer@globex.test', { baseURL: server.baseURL });
  const origin = { origin: server.baseURL };
  expect((await bright.request.post('/_actions/webhooks.sendAgain', { form: { endpointId, deliveryId: deliveryId! }, headers: origin })).status()).toBe(404);
  expect((await bright.goto(endpointUrl))?.status()).toBe(404);
  expect((await buyer.request.post('/_actions/webhooks.create', { form: { url: 'https://erp.globex.example/hooks', events: 'catalog.published' }, headers: origin })).status()).toBe(403);
  await page.reload();
  await expect(log.getByRole('row')).toHaveCount(3);

  await page.getByRole('link', { name: 'All webhook endpoints' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${receiver.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*catalog\\.published.*on.*delivered`) })).toBeVisible();
  await expectAccessible(page);
});
