import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDemoWorld, meta, type DemoWorld } from '../auth/demo-accounts-fixture.ts';
import { authenticateApiToken, createApiToken } from '#features/auth/api-tokens.server.ts';
import { changeOwnPassword } from '#features/accounts/change-own-password.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { acceptAccountLink } from '#features/accounts/accept-account-link.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

/** Whoever could act as the person before a password change, a reset or disabling cannot afterwards, by cookie or by token. */
describe('API tokens end with the password', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('changing one\'s own password ends one\'s API tokens', async () => {
    const at = new Date('2027-09-01T09:00:00Z');
    const supplier = await w.user('supplier@acme.test');
    const { token } = await createApiToken(w.db, supplier, 'ERP', meta(at));
    expect(await authenticateApiToken(w.db, token, at)).not.toBeNull();
    await changeOwnPassword(w.db, supplier, { currentPassword: DEMO_PASSWORD, newPassword: 'a-changed-password-1' }, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
  });

  test('a password reset ends the account\'s API tokens', async () => {
    const at = new Date('2027-09-02T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const buyer = await w.user('buyer@globex.test');
    const { token } = await createApiToken(w.db, buyer, 'Shop sync', meta(at));
    const { url } = await issueResetLink(w.db, admin, buyer.id, meta(at));
    await acceptAccountLink(w.db, decodeURIComponent(new URL(url!).pathname.split('/').pop()!), { password: 'a-reset-password-12' }, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
  });

  test('disabling ends the API tokens for good: enabling again does not bring them back', async () => {
    const at = new Date('2027-09-03T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const buyer = await w.user('buyer@initech.test');
    const { token } = await createApiToken(w.db, buyer, 'Script', meta(at));
    await setUserDisabled(w.db, admin, buyer.id, true, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
    await setUserDisabled(w.db, admin, buyer.id, false, meta(at));
    expect(await authenticateApiToken(w.db, token, at)).toBeNull();
  });
});
