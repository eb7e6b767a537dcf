import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signIn, watchConsole } from './buyer-support/session.ts';

// The demo supplier uploads a BMEcat 2005 catalog as their catalog system exports it (a ZIP with
// the XML and the images it names), reads the check and the diff, publishes it, and downloads
// what is live again as BMEcat. A new catalog is used, so the demo catalogs stay as seeded.

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'formats', 'bmecat-2005-new-catalog.xml');
const DEMO_IMAGES = join(import.meta.dirname, '..', '..', 'content', 'demo-catalogs', 'images');

async function bmecatZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('acme-export/catalog.xml', await readFile(FIXTURE));
  // The demo's own product pictures stand in for the supplier's photos.
  const images: Record<string, string> = {
    'hex-bolt-z.png': 'ws-cs-z.png', 'washer-z.png': 'ws-cs-a2.png', 'hex-nut-z.png': 'an-ux-z.png', 'anchor.png': 'an-ux-a2.png', 'anchor-side.png': 'an-ux-a4.png',
  };
  for (const [name, demo] of Object.entries(images)) zip.file(`acme-export/images/${name}`, await readFile(join(DEMO_IMAGES, demo)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

test('the demo supplier uploads a BMEcat ZIP with images, checks it and publishes it', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signIn(browser, 'supplier@acme.test');
  const problems = watchConsole(page);
  const name = `Fasteners BMEcat ${Date.now()}`;

  await page.goto('/supplier');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Currency').fill('EUR');
  await page.getByRole('button', { name: 'Add catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByLabel('Price list file').setInputFiles({ name: 'acme-bmecat-2005.zip', mimeType: 'application/zip', buffer: await bmecatZip() });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await expect(page).toHaveURL(/\/supplier\/revisions\/\d+$/);
  // The page refreshes itself while the file is checked in the background.
  await expect(page.getByRole('link', { name: 'Validation report' })).toBeVisible({ timeout: 60_000 });
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('acme-bmecat-2005.zip (BMEcat 2005 catalog)');
  await expect(facts.locator('dt:has-text("Valid rows (items)") + dd')).toHaveText('4');
  await expect(facts.locator('dt:has-text("Errors") + dd')).toHaveText('0');
  await expect(facts.locator('dt:has-text("Warnings") + dd')).toHaveText('0');
  const revisionUrl = page.url();

  await page.getByRole('link', { name: /^Changes against/ }).click();
  for (const sku of ['AF-HB-M8-40-Z', 'AF-WA-M8-Z', 'AF-NU-M8-Z', 'AF-AN-10-80']) await expect(page.getByText(sku, { exact: true })).toBeVisible();

  await page.goto(revisionUrl);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText('Published: buyers see this revision now.')).toBeVisible();

  await page.getByRole('link', { name }).click();
  await expect(page.getByText(/Live: revision #\d+ with 4 items/)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'BMEcat 2005' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fasteners-bmecat-\d+-bmecat-2005-\d{4}-\d{2}-\d{2}\.xml$/);
  const xml = (await readFile((await download.path())!)).toString('utf8');
  expect(xml).toContain('<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005">');
  expect(xml).toContain('<SUPPLIER_PID>AF-HB-M8-40-Z</SUPPLIER_PID>');
  expect(xml).toContain('<GROUP_NAME>Hex bolts</GROUP_NAME>');
  // Every picture of the ZIP was stored: the export names each by its address in Vitrine.
  expect(xml.match(/<MIME_SOURCE>[^<]*\/media\/[0-9a-f]{64}\/\d+\.webp<\/MIME_SOURCE>/g)).toHaveLength(5);
  expect(problems).toEqual([]);
});

test('a BMEcat file that is cut short is refused with the line where it stops', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signIn(browser, 'supplier@acme.test');
  const name = `Broken BMEcat ${Date.now()}`;
  await page.goto('/supplier');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Add catalog' }).click();
  const whole = (await readFile(FIXTURE)).toString('utf8');
  await page.getByLabel('Price list file').setInputFiles({ name: 'catalog.xml', mimeType: 'application/xml', buffer: Buffer.from(whole.slice(0, whole.length - 300)) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await expect(page.getByRole('heading', { name: 'The file could not be read' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^"catalog\.xml" is not well-formed XML at line \d+, column \d+/)).toBeVisible();
});
