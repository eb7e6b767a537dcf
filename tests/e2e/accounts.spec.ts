import { test, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '#seed/demo-accounts.ts';
import { homeOfRole } from '#features/auth/navigation.ts';
import { contextFor, sameOrigin } from './auth-support/identities.ts';

// People signing in, inviting, accepting, administering and holding API tokens, in Chromium.
// Demo accounts are only read here (other specs rely on them); changes happen to invited people.
// Each failed sign-in counts against 127.0.0.1's limit of 10 per 15 minutes: this file makes 3.

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await signIn(page, 'admin@vitrine.test');
  await expect(page).toHaveURL(/\/admin$/);
  return page;
}

/** The admin invites someone on the Users page and copies the link shown. */
async function invite(admin: Page, email: string, organization: string, role: string): Promise<string> {
  await admin.goto('/admin/users');
  await admin.getByLabel('Email', { exact: true }).fill(email);
  await admin.getByLabel('Organization', { exact: true }).selectOption({ label: organization });
  await admin.getByLabel('Role', { exact: true }).selectOption(role);
  await admin.getByRole('button', { name: 'Create invitation' }).click();
  await expect(admin.getByRole('status')).toContainText(`Invitation for ${email}`);
  return admin.getByLabel('Invitation link', { exact: true }).inputValue();
}

/** A second browser (another person) accepts an invitation link. */
async function accept(browser: Browser, link: string, name: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel('Your name', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create my account' }).click();
  return page;
}

test.describe('signing in', () => {
  for (const user of DEMO_USERS.filter((u, i, all) => all.findIndex((v) => v.role === u.role) === i)) {
    test(`${user.role} signs in through the form and lands on their home`, async ({ page }) => {
      await page.goto('/login');
      const home = page.waitForResponse((r) => new URL(r.url()).pathname === homeOfRole(user.role) && r.request().method() === 'GET');
      await signIn(page, user.email);
      expect((await home).status()).toBe(200);
      await expect(page).toHaveURL(new RegExp(`${homeOfRole(user.role)}$`));
      await expect(page.getByText(`${user.name} (${user.role})`)).toBeVisible();
    });
  }

  test('a buyer who types /admin sees a 404', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'buyer@globex.test');
    await expect(page).toHaveURL(/\/catalogs$/);
    const res = await page.goto('/admin');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });

  test('an anonymous visitor is sent to sign in, then back to the page they asked for', async ({ page }) => {
    await page.goto('/admin/audit?kind=sign-in');
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit%3Fkind%3Dsign-in$/);
    await signIn(page, 'admin@vitrine.test');
    await expect(page).toHaveURL(/\/admin\/audit\?kind=sign-in$/);
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  });

  test('an unknown email and a wrong password get the same message', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'nobody@globex.test', 'some-password');
    const unknown = await page.getByRole('alert').textContent();
    await signIn(page, 'buyer@globex.test', 'some-password');
    await expect(page.getByRole('alert')).toHaveText(unknown!);
    expect(unknown).toContain('do not match an active account');
  });

  test('signing out ends the session', async ({ page, context }) => {
    await page.goto('/login');
    await signIn(page, 'sales@vitrine.test');
    const cookie = (await context.cookies()).find((c) => c.name === 'session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    // The old cookie, replayed, no longer opens anything.
    await context.addCookies([cookie]);
    await page.goto('/sales');
    await expect(page).toHaveURL(/\/login\?next=%2Fsales$/);
  });
});

test.describe('next after sign-in never leaves the site', () => {
  for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example', '/%2F%2Fevil.example', 'javascript:alert(1)', '/.//evil.example']) {
    test(`next=${next}`, async ({ playwright, baseURL }) => {
      const ctx = await contextFor(playwright, baseURL!, null);
      const res = await ctx.post('/login?_action=auth.signIn', { form: { email: 'supplier@acme.test', password: DEMO_PASSWORD, next }, headers: sameOrigin(baseURL!), maxRedirects: 0 });
      expect(res.status()).toBe(303); // See Other: the form's outcome is shown on a GET (post-redirect-get.ts)
      const target = new URL(res.headers().location!, baseURL);
      expect(target.origin).toBe(new URL(baseURL!).origin);
      expect(target.pathname.startsWith('//')).toBe(false);
      await ctx.dispose();
    });
  }

  test('in the browser too', async ({ page, baseURL }) => {
    await page.goto('/login?next=%2F%2Fevil.example');
    await signIn(page, 'supplier@acme.test');
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/supplier`);
  });
});

test.describe('cross-site posts are refused with 403', () => {
  test('sign-in, sign-out and admin actions from another origin', async ({ playwright, baseURL }) => {
    const admin = await contextFor(playwright, baseURL!, 'admin@vitrine.test');
    const evil = { origin: 'https://evil.example' };
    expect((await admin.post('/login?_action=auth.signIn', { form: { email: 'admin@vitrine.test', password: DEMO_PASSWORD }, headers: evil, maxRedirects: 0 })).status()).toBe(403);
    expect((await admin.post('/logout', { form: {}, headers: evil, maxRedirects: 0 })).status()).toBe(403);
    expect((await admin.post('/_actions/invitations.invite', { form: { email: 'csrf@globex.test', orgId: '4', role: 'buyer' }, headers: evil })).status()).toBe(403);
    expect((await admin.post('/admin/users?_action=accounts.setUserDisabled', { form: { userId: '5', disabled: 'true' }, headers: evil, maxRedirects: 0 })).status()).toBe(403);
    // Nothing happened: the admin is still signed in, and nobody was invited.
    const users = await admin.get('/admin/users');
    expect(users.status()).toBe(200);
    expect(await users.text()).not.toContain('csrf@globex.test');
    await admin.dispose();
  });
});

test.describe('invitations', () => {
  test('an invitation created by an admin, accepted in a second browser, yields a working account, once', async ({ browser }) => {
    const admin = await adminPage(browser);
    const link = await invite(admin, 'gina@globex.test', 'Globex Manufacturing', 'buyer');
    expect(link).toMatch(/\/invite\/[a-z0-9]+\.[a-z0-9]+$/);

    const gina = await accept(browser, link, 'Gina Globex', 'gina-passphrase-1');
    await expect(gina).toHaveURL(/\/catalogs$/);
    await expect(gina.getByText('Gina Globex (buyer)')).toBeVisible();
    await gina.getByRole('button', { name: 'Sign out' }).click();
    await signIn(gina, 'gina@globex.test', 'gina-passphrase-1');
    await expect(gina).toHaveURL(/\/catalogs$/);

    // The link works once.
    const again = await gina.goto(link);
    expect(again?.status()).toBe(410);
    await expect(gina.getByText('This link has already been used')).toBeVisible();

    await admin.goto('/admin/audit?person=gina%40globex.test');
    await expect(admin.getByRole('cell', { name: 'Invitation accepted', exact: true })).toBeVisible();
    await expect(admin.getByRole('cell', { name: 'Invitation created', exact: true })).toBeVisible();
  });

  test('form errors are shown beside the fields and what was typed is kept', async ({ browser }) => {
    const admin = await adminPage(browser);
    await admin.goto('/admin/users');
    await admin.getByLabel('Email', { exact: true }).fill('wrong.role@globex.test');
    await admin.getByLabel('Organization', { exact: true }).selectOption({ label: 'Globex Manufacturing' });
    await admin.getByLabel('Role', { exact: true }).selectOption('supplier');
    await admin.getByRole('button', { name: 'Create invitation' }).click();
    await expect(admin.getByLabel('Role', { exact: true })).toHaveAccessibleDescription(/can only be: buyer/);
    await expect(admin.getByLabel('Email', { exact: true })).toHaveValue('wrong.role@globex.test');

    const link = await invite(admin, 'short.pw@globex.test', 'Globex Manufacturing', 'buyer');
    const page = await accept(browser, link, 'Short', 'short');
    // The browser's own minlength check stops the form; without it the server says the same.
    await expect(page).toHaveURL(link);
    await page.evaluate(() => document.querySelectorAll('input').forEach((i) => i.removeAttribute('minlength')));
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/at least 10 characters/);
  });

  test('sales invites buyers to customer organizations only', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, 'sales@vitrine.test');
    await page.goto('/sales/invitations');
    const options = await page.getByLabel('Organization', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Choose…', 'Globex Manufacturing', 'Initech']);
    await page.getByLabel('Email', { exact: true }).fill('ivy@initech.test');
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Initech' });
    await page.getByRole('button', { name: 'Create invitation' }).click();
    await expect(page.getByRole('status')).toContainText('Invitation for ivy@initech.test (buyer at Initech)');
    await expect(page.getByLabel('Invitation link', { exact: true })).toHaveValue(/\/invite\//);
    await expect(page.getByRole('cell', { name: 'ivy@initech.test', exact: true })).toBeVisible();
  });
});

test.describe('administering people', () => {
  test('disabling ends the person’s session at once; enabling lets them back', async ({ browser }) => {
    const admin = await adminPage(browser);
    const dora = await accept(browser, await invite(admin, 'dora@acme.test', 'Acme Fasteners', 'supplier'), 'Dora Acme', 'dora-passphrase-1');
    await expect(dora).toHaveURL(/\/supplier$/);

    await admin.goto('/admin/users');
    await admin.getByLabel('Disable dora@acme.test').click(); // asks first (no JavaScript needed)
    await admin.getByRole('button', { name: 'Yes, disable dora@acme.test' }).click();
    await expect(admin.getByRole('status')).toHaveText('dora@acme.test is disabled: their sessions have ended.');
    await dora.goto('/supplier');
    await expect(dora).toHaveURL(/\/login\?next=%2Fsupplier$/);

    await admin.getByRole('button', { name: 'Enable dora@acme.test' }).click();
    await expect(admin.getByRole('status')).toHaveText('dora@acme.test is enabled again.');
    await signIn(dora, 'dora@acme.test', 'dora-passphrase-1');
    await expect(dora).toHaveURL(/\/supplier$/);
  });

  test('a role change applies on the next page', async ({ browser }) => {
    const admin = await adminPage(browser);
    const omar = await accept(browser, await invite(admin, 'omar@vitrine.test', 'Northwind Supply', 'sales'), 'Omar Ops', 'omar-passphrase-1');
    await expect(omar).toHaveURL(/\/sales$/);
    expect((await omar.goto('/admin/users'))?.status()).toBe(404);

    await admin.goto('/admin/users');
    await admin.getByLabel('Role of omar@vitrine.test', { exact: true }).selectOption('admin');
    await admin.getByRole('button', { name: 'Change role of omar@vitrine.test' }).click();
    await expect(admin.getByRole('status')).toHaveText('omar@vitrine.test is now admin.');
    expect((await omar.goto('/admin/users'))?.status()).toBe(200);
  });

  test('a reset link sets a new password and ends the other sessions', async ({ browser }) => {
    const admin = await adminPage(browser);
    const rita = await accept(browser, await invite(admin, 'rita@initech.test', 'Initech', 'buyer'), 'Rita Initech', 'rita-passphrase-1');
    await expect(rita).toHaveURL(/\/catalogs$/);

    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: 'Reset link for rita@initech.test' }).click();
    const link = await admin.getByLabel('Reset link', { exact: true }).inputValue();

    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(link);
    await expect(fresh.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await fresh.getByLabel('Password', { exact: true }).fill('rita-passphrase-2');
    await fresh.getByLabel('Repeat the password', { exact: true }).fill('rita-passphrase-2');
    await fresh.getByRole('button', { name: 'Save the new password' }).click();
    await expect(fresh).toHaveURL(/\/catalogs$/);
    await rita.goto('/account');
    await expect(rita).toHaveURL(/\/login\?next=%2Faccount$/);
  });

  test('admins add organizations and set whether a supplier’s publishing needs approval', async ({ browser }) => {
    const admin = await adminPage(browser);
    await admin.goto('/admin/organizations');
    await admin.getByLabel('Name', { exact: true }).fill('Wayne Supplies');
    await admin.getByLabel('Kind', { exact: true }).selectOption('supplier');
    await admin.getByRole('button', { name: 'Add organization' }).click();
    await expect(admin.getByRole('status')).toHaveText('Wayne Supplies is added as a supplier. Invite its people from Users.');
    await admin.getByRole('button', { name: 'Require approval for Wayne Supplies' }).click();
    await expect(admin.getByRole('status')).toContainText('Wayne Supplies: publishing now needs approval');
    await expect(admin.getByRole('button', { name: 'Publish directly for Wayne Supplies' })).toBeVisible();
    await admin.getByLabel('Name', { exact: true }).fill('wayne supplies');
    await admin.getByLabel('Kind', { exact: true }).selectOption('customer');
    await admin.getByRole('button', { name: 'Add organization' }).click();
    await expect(admin.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('There is already an organization with this name.');
  });
});

test.describe('own account', () => {
  test('changing the password keeps this browser signed in and signs out the others', async ({ browser }) => {
    const admin = await adminPage(browser);
    const link = await invite(admin, 'paul@globex.test', 'Globex Manufacturing', 'buyer');
    const here = await accept(browser, link, 'Paul Globex', 'paul-passphrase-1');
    const elsewhere = await (await browser.newContext()).newPage();
    await elsewhere.goto('/login');
    await signIn(elsewhere, 'paul@globex.test', 'paul-passphrase-1');
    await expect(elsewhere).toHaveURL(/\/catalogs$/);

    await here.goto('/account');
    await here.getByLabel('Current password', { exact: true }).fill('not-the-password');
    await here.getByLabel('New password', { exact: true }).fill('paul-passphrase-2');
    await here.getByLabel('Repeat the new password', { exact: true }).fill('paul-passphrase-2');
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByLabel('Current password', { exact: true })).toHaveAccessibleDescription('The current password is not correct.');

    await here.getByLabel('Current password', { exact: true }).fill('paul-passphrase-1');
    await here.getByLabel('New password', { exact: true }).fill('paul-passphrase-2');
    await here.getByLabel('Repeat the new password', { exact: true }).fill('paul-passphrase-2');
    await here.getByRole('button', { name: 'Change password' }).click();
    await expect(here.getByRole('status')).toHaveText('Your password is changed. Every other session and every API token of yours has ended.');
    await here.goto('/account');
    await expect(here.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await elsewhere.goto('/account');
    await expect(elsewhere).toHaveURL(/\/login\?next=%2Faccount$/);
  });

  test('an API token is shown once, works as Bearer, and stops when revoked', async ({ page, playwright, baseURL }) => {
    await page.goto('/login');
    await signIn(page, 'supplier@acme.test');
    await page.getByRole('link', { name: 'API tokens' }).first().click();
    await expect(page).toHaveURL(/\/supplier\/tokens$/);
    await page.getByLabel('Token name', { exact: true }).fill('ERP export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(token).toMatch(/^vit_/);

    const api = await playwright.request.newContext({ baseURL });
    const me = await api.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'supplier@acme.test', role: 'supplier' }, organization: { name: 'Acme Fasteners', kind: 'supplier' }, authenticatedBy: 'token' });

    await page.goto('/supplier/tokens');
    await expect(page.getByLabel('Token', { exact: true })).toHaveCount(0); // shown once only
    await page.getByRole('button', { name: 'Revoke ERP export' }).click();
    await expect(page.getByRole('status')).toContainText('The token is revoked');
    expect((await api.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
    await api.dispose();
  });
});

test('without SMTP_URL the demo keeps its mails at /admin/mail, readable there', async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.getByRole('link', { name: 'Mail' }).first().click();
  await expect(admin).toHaveURL(/\/admin\/mail$/);
  await expect(admin.getByText('No SMTP_URL is set: nothing is sent.')).toBeVisible();
  const checked = admin.locator('li', { hasText: 'Price list checked: Fasteners 2027' }).first();
  await expect(checked).toContainText('Kept (no SMTP_URL)');
  await checked.locator('summary').click();
  await expect(checked.locator('pre')).toContainText('Your price list is read and checked');
});
