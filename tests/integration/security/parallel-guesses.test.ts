import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDemoWorld, meta, type DemoWorld } from '../auth/demo-accounts-fixture.ts';
import { users } from '#db/schema/index.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { changeOwnPassword } from '#features/accounts/change-own-password.server.ts';
import { acceptAccountLink } from '#features/accounts/accept-account-link.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

/** Guesses sent all at once: the limit must hold although none of them has finished when the next starts. */
describe('parallel password guesses', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('40 simultaneous sign-in guesses with the right password as the 35th never sign in', async () => {
    const now = Date.parse('2027-06-01T09:00:00Z');
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 34 ? DEMO_PASSWORD : `wrong-guess-${i}`));
    const results = await Promise.all(guesses.map((password) => signIn(w.db, { email: 'admin@vitrine.test', password, ip: '198.51.100.7' }, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid').length).toBeLessThanOrEqual(10);
    expect(results[34]).toMatchObject({ ok: false, reason: 'limited' });
  });

  test('200 simultaneous guesses for an unknown email: at most the limit are answered before refusals', async () => {
    const now = Date.parse('2027-06-01T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(w.db, { email: 'nobody@example.test', password: `guess-${i}-xyz`, ip: '198.51.100.8' }, now)));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid').length).toBeLessThanOrEqual(10);
  });

  test('40 simultaneous guesses of the current password on the change form never change it', async () => {
    const at = new Date('2027-06-01T11:00:00Z');
    const buyer = await w.user('buyer@globex.test');
    const before = (await w.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, buyer.id)))[0]!.h;
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 34 ? DEMO_PASSWORD : `wrong-guess-${i}`));
    const outcomes = await Promise.allSettled(guesses.map((currentPassword) => changeOwnPassword(w.db, buyer, { currentPassword, newPassword: 'a-brand-new-password-1' }, meta(at, '198.51.100.9'))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(0);
    const wrong = outcomes.filter((o) => o.status === 'rejected' && /not correct/.test(String((o.reason as Error).message)));
    expect(wrong.length).toBeLessThanOrEqual(10);
    const after = (await w.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, buyer.id)))[0]!.h;
    expect(after).toBe(before);
  });

  test('40 simultaneous uses of a reset link with forged secrets, the real one 35th, are refused once the limit is passed', async () => {
    const at = new Date('2027-06-01T12:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const target = await w.user('supplier@acme.test');
    const { url } = await issueResetLink(w.db, admin, target.id, { ...meta(at), origin: 'http://vitrine.test' });
    const token = decodeURIComponent(new URL(url!).pathname.split('/').pop()!);
    const id = token.split('.')[0]!;
    // Upper case never occurs in a real (lower-case base32) secret, so these always differ from it.
    const forged = (i: number) => `${id}.FORGED${i}`;
    const tokens = Array.from({ length: 40 }, (_, i) => (i === 34 ? token : forged(i)));
    expect(tokens.filter((t) => t === token)).toHaveLength(1);
    const outcomes = await Promise.allSettled(tokens.map((t) => acceptAccountLink(w.db, t, { password: 'reset-password-123' }, meta(at, '198.51.100.10'))));
    expect(outcomes[34]!.status).toBe('rejected');
    expect(String((outcomes[34] as PromiseRejectedResult).reason.message)).toMatch(/too many/i);
  });
});
