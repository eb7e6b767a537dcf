import { test, expect, type Locator } from '@playwright/test';
import { join } from 'node:path';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// Choices and hints are never cut off: the column mapping's dropdowns are as wide as their
// longest field name, and a rule's inherited percentage is written out beside its field.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');

/** How far a text overflows its field: the text's width (in the field's own font) minus the room inside it. */
async function overflow(field: Locator, text: 'longest option' | 'placeholder'): Promise<number> {
  return field.evaluate((el: HTMLSelectElement | HTMLInputElement, which) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const texts = which === 'placeholder' ? [(el as HTMLInputElement).placeholder] : [...(el as HTMLSelectElement).options].map((o) => o.text);
    const widest = Math.max(...texts.map((t) => context.measureText(t).width));
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (which === 'longest option' ? 20 : 0); // the arrow
    return Math.round(widest - room);
  }, text);
}

test('the column mapping’s dropdowns show every field name whole', async ({ browser }) => {
  const page = await signIn(browser, 'supplier@acme.test', { viewport: { width: 1280, height: 900 } });
  const name = `E2E columns ${Date.now().toString(36)}`;
  await page.goto('/supplier');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Currency', { exact: true }).fill('EUR');
  await page.getByRole('button', { name: 'Add catalog' }).click();
  await page.getByLabel('Price list file').setInputFiles(join(FIXTURES, 'odd-headers.csv'));
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByRole('link', { name: 'Choose the field of each column' }).click({ timeout: 30_000 });
  const selects = page.locator('form.mapping select');
  expect(await selects.count()).toBeGreaterThan(3);
  for (const select of await selects.all()) expect(await overflow(select, 'longest option'), await select.getAttribute('id') ?? '').toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test('a category’s inherited percentage is shown whole, beside its field', async ({ browser }) => {
  const page = await signIn(browser, 'sales@vitrine.test', { viewport: { width: 1280, height: 900 } });
  await page.goto('/sales');
  await page.getByRole('row', { name: /Globex Manufacturing/ }).getByRole('link').nth(1).click();
  await page.getByRole('link', { name: /Edit rules of Fasteners 2027/ }).click();
  const field = page.getByLabel('% off Anchors > Plastic anchors', { exact: true });
  await expect(field).toHaveAttribute('placeholder', '15%');
  await expect(field).toHaveAccessibleDescription('if empty: 15% from Anchors');
  expect(await overflow(field, 'placeholder')).toBeLessThanOrEqual(0);
  await expect(page.getByText('if empty: 15% from Anchors').first()).toBeVisible();
});
