import { test, expect, type Browser, type Page } from '@playwright/test';
import { startOwnServer, type OwnServer } from './buyer-support/own-server.ts';
import { startSmtpCatcher, linkIn, type SmtpCatcher } from '#tests/support/smtp-catcher.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

// Mail as people meet it, in Chromium: a server of its own sends through a real SMTP server.
let smtp: SmtpCatcher;
let server: OwnServer;

test.beforeAll(async () => {
  smtp = await startSmtpCatcher();
  server = await startOwnServer({ SMTP_URL: smtp.url, MAIL_FROM: 'vitrine@northwind.test' });
});
test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.baseURL}/login`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const newPage = async (browser: Browser) => (await browser.newContext()).newPage();

test('"Forgot your password?" mails a link that sets a new password and ends the other sessions', async ({ browser }) => {
  const before = await newPage(browser);
  await signIn(before, 'buyer@initech.test', DEMO_PASSWORD);
  await expect(before).toHaveURL(/\/catalogs$/);

  const page = await newPage(browser);
  await page.goto(`${server.baseURL}/login`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email', { exact: true }).fill('buyer@initech.test');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  const answer = await page.getByRole('status').innerText();
  expect(answer).toContain('If an account uses this address');
  // An unknown address gets the very same answer.
  await page.getByLabel('Email', { exact: true }).fill('nobody@initech.test');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toHaveText(answer);

  const mail = await smtp.waitFor((m) => m.to.includes('buyer@initech.test') && /new password/i.test(m.subject));
  expect(mail.from).toContain('Northwind Supply');
  const link = linkIn(mail, `${server.baseURL}/invite/`);
  await page.goto(link);
  await page.getByLabel('Password', { exact: true }).fill('initech-new-password');
  await page.getByLabel('Repeat the password', { exact: true }).fill('initech-new-password');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/catalogs$/);

  // The browser signed in before the reset is signed out.
  await before.goto(`${server.baseURL}/catalogs`);
  await expect(before).toHaveURL(/\/login\?next=/);
  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  expect(smtp.mails.some((m) => m.to.includes('nobody@initech.test'))).toBe(false);
});

test('an invitation goes out by mail (no link shown), and its link creates the account; /admin/mail lists it as sent', async ({ browser }) => {
  const admin = await newPage(browser);
  await signIn(admin, 'admin@vitrine.test', DEMO_PASSWORD);
  await admin.goto(`${server.baseURL}/admin/users`);
  await admin.getByLabel('Email', { exact: true }).fill('mailed.buyer@globex.test');
  await admin.getByLabel('Organization', { exact: true }).selectOption({ label: 'Globex Manufacturing' });
  await admin.getByLabel('Role', { exact: true }).selectOption('buyer');
  await admin.getByRole('button', { name: 'Create invitation' }).click();
  await expect(admin.getByRole('status')).toContainText('sent by mail');
  await expect(admin.getByLabel('Invitation link', { exact: true })).toHaveCount(0);

  const mail = await smtp.waitFor((m) => m.to.includes('mailed.buyer@globex.test'));
  const invitee = await newPage(browser);
  await invitee.goto(linkIn(mail, `${server.baseURL}/invite/`));
  await invitee.getByLabel('Your name', { exact: true }).fill('Mailed Buyer');
  await invitee.getByLabel('Password', { exact: true }).fill('mailed-buyer-pass');
  await invitee.getByLabel('Repeat the password', { exact: true }).fill('mailed-buyer-pass');
  await invitee.getByRole('button', { name: 'Create my account' }).click();
  await expect(invitee).toHaveURL(/\/catalogs$/);

  await admin.goto(`${server.baseURL}/admin/mail`);
  const row = admin.locator('li', { hasText: 'mailed.buyer@globex.test' });
  await expect(row).toContainText('Sent');
});

test('a buyer turns the daily mail about changes on and off on /account', async ({ browser }) => {
  const page = await newPage(browser);
  await signIn(page, 'buyer@globex.test', DEMO_PASSWORD);
  await page.goto(`${server.baseURL}/account`);
  await page.getByRole('button', { name: 'Send me the daily mail' }).click();
  await expect(page.getByRole('status')).toHaveText('You will get the daily mail about changes.');
  await expect(page.getByRole('button', { name: 'Stop the daily mail' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop the daily mail' }).click();
  await expect(page.getByRole('status')).toHaveText('You will get no more mails about changes.');
});
