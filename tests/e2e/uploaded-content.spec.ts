import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { MARKER, hostileCatalogZip } from '#tests/integration/uploaded-content/hostile-files.ts';
import { waitForRevisionState } from './supplier-support/revision-state.ts';

// A hostile supplier's images, opened in Chromium the way a buyer could: the supplier uploads a
// ZIP of script-carrying files through the upload form and publishes it; the buyer opens the
// product page and then each image URL on its own. Every payload would rename the page and call
// /xss-ran; neither may happen. It publishes into Fasteners 2027, so it runs on a server of its own.
let server: OwnServer;

test.beforeAll(async () => { server = await startOwnServer(); });
test.afterAll(async () => { await server?.stop(); });

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** Every request the page's context makes to the payload's address. */
function watchPayloadCalls(page: Page): string[] {
  const calls: string[] = [];
  page.context().on('request', (r) => { if (r.url().includes(MARKER)) calls.push(r.url()); });
  return calls;
}

test('images from a hostile upload never run script, in a page or opened on their own', async ({ browser }) => {
  test.setTimeout(180_000);
  const supplier = await signedIn(browser, 'supplier@acme.test');
  await supplier.goto('/supplier');
  await supplier.getByRole('link', { name: 'Fasteners 2027', exact: true }).click();
  await supplier.getByLabel('Price list file').setInputFiles({ name: 'hostile.zip', mimeType: 'application/zip', buffer: await hostileCatalogZip() });
  await supplier.getByRole('button', { name: 'Upload and check' }).click();
  await waitForRevisionState(supplier, /ready/i, 60_000);
  // The supplier reads why each non-image was refused, in words.
  await supplier.getByRole('link', { name: /report/i }).first().click();
  await expect(supplier.getByText('"drawing.svg" is in the ZIP but is not a JPEG, PNG, WebP, AVIF, GIF or TIFF image', { exact: false })).toBeVisible();
  await expect(supplier.getByText('"photo.jpg" is not an image we can read', { exact: false })).toBeVisible();
  await supplier.goBack();
  await supplier.getByRole('button', { name: 'Publish now' }).click();
  await waitForRevisionState(supplier, /published|live/i);

  const buyer = await signedIn(browser, 'buyer@globex.test');
  const calls = watchPayloadCalls(buyer);
  const mediaUrls: string[] = [];
  for (const sku of ['HX-3', 'HX-4']) {
    await buyer.goto(`/products/fasteners-2027/${sku}`);
    const image = buyer.locator('img[src^="/media/"]:not(.product-related img)').first();
    await expect(image).toBeVisible();
    // The image really decoded (a WebP the browser shows), not a broken or blocked one.
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    mediaUrls.push((await image.getAttribute('src'))!);
  }
  for (const url of mediaUrls) {
    const response = await buyer.goto(url);
    expect(response!.headers()['content-type']).toBe('image/webp');
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    expect(response!.headers()['content-security-policy']).toContain('sandbox');
    // Chromium shows an image document: one <img>, no script of the upload's.
    await expect(buyer.locator('img')).toHaveCount(1);
    expect(await buyer.title()).not.toContain(MARKER);
    expect(await buyer.evaluate(() => document.scripts.length)).toBe(0);
  }
  await buyer.waitForTimeout(500); // a payload's fetch would have been sent by now
  expect(calls).toEqual([]);
});
