import { test, expect } from '@playwright/test';
import { expectAccessible, signIn } from './buyer-support/session.ts';

// A pending invitation can be taken back: its link stops working at once, and the audit log says who did it.

test('an admin revokes a pending invitation and its link no longer works', async ({ browser }) => {
  const admin = await signIn(browser, 'admin@vitrine.test');
  await admin.goto('/admin/users');
  await admin.getByLabel('Email', { exact: true }).fill('revoke.me@globex.test');
  await admin.getByLabel('Organization', { exact: true }).selectOption({ label: 'Globex Manufacturing' });
  await admin.getByLabel('Role', { exact: true }).selectOption('buyer');
  await admin.getByRole('button', { name: 'Create invitation' }).click();
  const link = await admin.getByLabel('Invitation link').inputValue();

  const pending = admin.getByRole('region', { name: 'Pending invitations' });
  await pending.getByRole('button', { name: 'Revoke the invitation of revoke.me@globex.test' }).click();
  await expect(admin).toHaveURL(/\/admin\/users#pending-heading$/);
  await expect(pending.getByRole('status')).toHaveText('The invitation of revoke.me@globex.test to Globex Manufacturing is revoked: its link no longer works.');
  await expect(pending.getByRole('row', { name: /revoke\.me@globex\.test/ })).toHaveCount(0);
  await expectAccessible(admin);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('This link does not work');

  await admin.goto('/admin/audit');
  await expect(admin.getByRole('row', { name: /Invitation revoked.*revoke\.me@globex\.test/ }).first()).toBeVisible();
});
