import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// Deleting a list, withdrawing a view and disabling a person are asked about once, in plain
// words, and work without JavaScript: the first click only opens the question.

async function signInWithoutScripts(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** axe runs scripts in the page: it checks the same page, question open, in a browser with JavaScript. */
async function expectQuestionAccessible(browser: Browser, email: string, url: string, summary: RegExp): Promise<void> {
  const page = await signIn(browser, email);
  await page.goto(url);
  await page.locator('summary', { hasText: summary }).first().click();
  await expectAccessible(page);
  await page.context().close();
}

test('deleting a list asks first, then deletes it', async ({ browser }) => {
  const page = await signInWithoutScripts(browser, 'buyer@initech.test');
  await page.goto('/lists');
  await page.getByLabel('Name', { exact: true }).fill('Short-lived');
  await page.getByRole('button', { name: 'Create list' }).click();
  await page.getByRole('table', { name: 'Your lists' }).getByRole('link', { name: 'Short-lived' }).click();
  const listUrl = page.url();

  await page.getByText('Delete “Short-lived”', { exact: true }).click();
  await expect(page).toHaveURL(listUrl); // nothing was sent
  await expect(page.getByText('The list and its 0 lines are deleted. This cannot be undone.')).toBeVisible();
  await expectQuestionAccessible(browser, 'buyer@initech.test', listUrl, /^Delete “Short-lived”$/);
  await page.getByRole('button', { name: 'Yes, delete “Short-lived”' }).click();
  await expect(page).toHaveURL(/\/lists$/);
  await expect(page.getByRole('status')).toHaveText('The list “Short-lived” is deleted.');
});

test('withdrawing a view asks first; opening the question changes nothing', async ({ browser }) => {
  const page = await signInWithoutScripts(browser, 'sales@vitrine.test');
  await page.goto('/sales');
  await page.getByRole('row', { name: /Globex Manufacturing/ }).getByRole('link').nth(1).click();
  const withdraw = page.locator('summary', { hasText: /^Withdraw from / });
  const viewUrl = page.url();
  await withdraw.click();
  await expect(page).toHaveURL(viewUrl);
  await expect(page.getByText(/buyers stop seeing this view's catalogs and prices at once/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Yes, withdraw from / })).toBeVisible();
  await expectQuestionAccessible(browser, 'sales@vitrine.test', viewUrl, /^Withdraw from /);
  // Not confirmed: the view is still published.
  await page.reload();
  await expect(page.locator('summary', { hasText: /^Withdraw from / })).toBeVisible();
  await expect(page.getByRole('status')).toHaveCount(0);
});

test('disabling a person asks first; opening the question changes nothing', async ({ browser }) => {
  const page = await signInWithoutScripts(browser, 'admin@vitrine.test');
  await page.goto('/admin/users');
  await page.getByLabel('Disable buyer@globex.test').click();
  await expect(page.getByText('buyer@globex.test is signed out everywhere at once and cannot sign in until enabled again.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Yes, disable buyer@globex.test' })).toBeVisible();
  await expectQuestionAccessible(browser, 'admin@vitrine.test', '/admin/users', /^Disable$/);
  await page.reload();
  await expect(page.getByRole('row', { name: /buyer@globex\.test/ })).toContainText('active');
});
