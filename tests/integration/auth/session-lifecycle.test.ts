import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDemoWorld, meta, type DemoWorld } from './demo-accounts-fixture.ts';
import { sessions } from '#db/schema/index.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { createSession, invalidateSession, validateSessionToken } from '#features/auth/sessions.server.ts';
import { hashSecret } from '#features/auth/secret-token.ts';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { changeOwnPassword } from '#features/accounts/change-own-password.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('session lifecycle', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  async function signedIn(email: string, now: number) {
    const r = await signIn(w.db, { email, password: DEMO_PASSWORD, ip: '192.0.2.1' }, now);
    if (!r.ok) throw new Error('sign-in failed');
    return r.token;
  }

  test('a fresh session resolves to its user; only the hash of the secret is stored', async () => {
    const now = Date.parse('2027-03-01T09:00:00Z');
    const token = await signedIn('buyer@globex.test', now);
    const found = await validateSessionToken(w.db, token, now + 1000);
    expect(found?.user).toMatchObject({ email: 'buyer@globex.test', role: 'buyer', orgName: 'Globex Manufacturing' });
    const [id, secret] = token.split('.') as [string, string];
    const [row] = await w.db.select().from(sessions).where(eq(sessions.id, id));
    expect(Buffer.from(row!.secretHash)).toEqual(Buffer.from(hashSecret(secret)));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await validateSessionToken(w.db, `${token.split('.')[0]}.wrongsecretwrongsecret`, now)).toBeNull();
  });

  test('an unused session expires after the inactivity timeout and is deleted', async () => {
    const now = Date.parse('2027-03-01T09:00:00Z');
    const token = await signedIn('buyer@globex.test', now);
    expect(await validateSessionToken(w.db, token, now + SESSION_POLICY.inactivityMs - 1)).not.toBeNull();
    // The check above renewed it; a later gap longer than the timeout ends it.
    const renewedAt = now + SESSION_POLICY.inactivityMs - 1;
    expect(await validateSessionToken(w.db, token, renewedAt + SESSION_POLICY.inactivityMs)).toBeNull();
    expect(await w.db.select().from(sessions).where(eq(sessions.id, token.split('.')[0]!))).toHaveLength(0);
  });

  test('use renews the session at most hourly, sliding the inactivity timeout', async () => {
    const now = Date.parse('2027-03-02T09:00:00Z');
    const token = await signedIn('supplier@acme.test', now);
    const soon = await validateSessionToken(w.db, token, now + 10 * 60 * 1000);
    expect(soon?.touched).toBe(false);
    const later = await validateSessionToken(w.db, token, now + 2 * HOUR);
    expect(later?.touched).toBe(true);
    expect(later?.session.lastVerifiedAt).toBe(now + 2 * HOUR);
    // The renewal is written without the request waiting for it; it lands in the database.
    await expect.poll(async () => (await w.db.select({ at: sessions.lastVerifiedAt }).from(sessions).where(eq(sessions.id, token.split('.')[0]!)))[0]?.at).toBe(now + 2 * HOUR);
    // Without the renewal, this would be past the inactivity timeout.
    expect(await validateSessionToken(w.db, token, now + SESSION_POLICY.inactivityMs + HOUR)).not.toBeNull();
  });

  test('a session in daily use still ends at the absolute lifetime', async () => {
    const start = Date.parse('2027-04-01T09:00:00Z');
    const token = await signedIn('sales@vitrine.test', start);
    let t = start;
    while (t + DAY < start + SESSION_POLICY.absoluteMs) {
      t += DAY;
      expect(await validateSessionToken(w.db, token, t)).not.toBeNull();
    }
    expect(await validateSessionToken(w.db, token, start + SESSION_POLICY.absoluteMs)).toBeNull();
  });

  test('signing out ends that session only', async () => {
    const now = Date.parse('2027-03-03T09:00:00Z');
    const a = await signedIn('admin@vitrine.test', now);
    const b = await signedIn('admin@vitrine.test', now);
    await invalidateSession(w.db, a.split('.')[0]!);
    expect(await validateSessionToken(w.db, a, now + 1)).toBeNull();
    expect(await validateSessionToken(w.db, b, now + 1)).not.toBeNull();
  });

  test('a stolen cookie stops working when its owner changes the password', async () => {
    const now = Date.parse('2027-03-04T09:00:00Z');
    const user = await w.user('buyer@initech.test');
    const victim = await signedIn(user.email, now);
    const stolen = victim; // a copy of the same cookie
    const otherDevice = await signedIn(user.email, now);
    const fresh = await changeOwnPassword(w.db, user, { currentPassword: DEMO_PASSWORD, newPassword: 'a brand new passphrase' }, { ...meta(new Date(now + 1000)) });
    expect(await validateSessionToken(w.db, stolen, now + 2000)).toBeNull();
    expect(await validateSessionToken(w.db, otherDevice, now + 2000)).toBeNull();
    // The person who changed it stays signed in, on a new session.
    expect((await validateSessionToken(w.db, fresh.token, now + 2000))?.user.email).toBe(user.email);
    expect((await signIn(w.db, { email: user.email, password: DEMO_PASSWORD, ip: '192.0.2.2' }, now + 3000)).ok).toBe(false);
    expect((await signIn(w.db, { email: user.email, password: 'a brand new passphrase', ip: '192.0.2.2' }, now + 3000)).ok).toBe(true);
  });

  test('a wrong current password changes nothing and counts as a failed sign-in', async () => {
    const now = Date.parse('2027-03-05T09:00:00Z');
    const user = await w.user('supplier@bright.test');
    const token = await signedIn(user.email, now);
    await expect(changeOwnPassword(w.db, user, { currentPassword: 'not my password', newPassword: 'another passphrase' }, meta(new Date(now))))
      .rejects.toMatchObject({ field: 'currentPassword' });
    expect(await validateSessionToken(w.db, token, now + 1)).not.toBeNull();
    await expect(changeOwnPassword(w.db, user, { currentPassword: DEMO_PASSWORD, newPassword: 'short' }, meta(new Date(now))))
      .rejects.toMatchObject({ field: 'newPassword' });
  });

  test('disabling a user ends their sessions at once and refuses sign-in; enabling lets them sign in again', async () => {
    const now = Date.parse('2027-03-06T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const target = await w.user('supplier@acme.test');
    const token = await signedIn(target.email, now);
    const stillThere = await createSession(w.db, target.id, now);
    await setUserDisabled(w.db, admin, target.id, true, meta(new Date(now + 1)));
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect(await validateSessionToken(w.db, token, now + 2)).toBeNull();
    expect(await validateSessionToken(w.db, stillThere.token, now + 2)).toBeNull();
    expect(await signIn(w.db, { email: target.email, password: DEMO_PASSWORD, ip: '192.0.2.3' }, now + 3)).toEqual({ ok: false, reason: 'invalid' });
    await setUserDisabled(w.db, admin, target.id, false, meta(new Date(now + 4)));
    expect((await signIn(w.db, { email: target.email, password: DEMO_PASSWORD, ip: '192.0.2.3' }, now + 5)).ok).toBe(true);
  });
});
