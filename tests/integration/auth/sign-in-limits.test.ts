import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDemoWorld, type DemoWorld } from './demo-accounts-fixture.ts';
import { auditEvents } from '#db/schema/index.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { THROTTLE_RULES } from '#features/auth/attempt-throttle.ts';

const SIGN_IN_LIMIT = THROTTLE_RULES.pair;
const ADDRESS_LIMIT = THROTTLE_RULES.address;
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const MINUTE = 60 * 1000;

describe('sign-in rate limits and enumeration', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('an unknown email and a wrong password get the same answer', async () => {
    const now = Date.parse('2027-05-01T09:00:00Z');
    const unknown = await signIn(w.db, { email: 'nobody@globex.test', password: 'whatever-123', ip: '198.51.100.1' }, now);
    const wrong = await signIn(w.db, { email: 'buyer@globex.test', password: 'whatever-123', ip: '198.51.100.1' }, now);
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual(unknown);
  });

  test('an unknown email costs about as long as a wrong password (one password verification each)', async () => {
    const now = Date.parse('2027-05-01T10:00:00Z');
    const time = async (email: string, i: number) => {
      const start = performance.now();
      await signIn(w.db, { email, password: `guess-${i}-xxxx`, ip: `198.51.100.${50 + i}` }, now);
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    await time('nobody@initech.test', 0); // warms the throwaway hash
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 1; i <= 5; i++) {
      unknown.push(await time(`nobody${i}@initech.test`, i));
      wrong.push(await time('buyer@initech.test', i + 10));
    }
    // Both pay one argon2id verification (tens of ms); a lookup-only answer would be ~10x faster.
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });

  test(`after ${SIGN_IN_LIMIT.failures} failures for one account from one address, that address is refused for it until the window frees a slot`, async () => {
    const start = Date.parse('2027-05-02T09:00:00Z');
    for (let i = 0; i < SIGN_IN_LIMIT.failures; i++) {
      expect(await signIn(w.db, { email: 'sales@vitrine.test', password: 'wrong-password', ip: '203.0.113.1' }, start + i * MINUTE))
        .toEqual({ ok: false, reason: 'invalid' });
    }
    const blocked = await signIn(w.db, { email: 'sales@vitrine.test', password: DEMO_PASSWORD, ip: '203.0.113.1' }, start + 10 * MINUTE);
    expect(blocked).toEqual({ ok: false, reason: 'limited', retryAt: start + SIGN_IN_LIMIT.windowMs });
    // The email is matched however it is typed.
    expect(await signIn(w.db, { email: ' Sales@Vitrine.TEST ', password: DEMO_PASSWORD, ip: '203.0.113.1' }, start + 11 * MINUTE)).toMatchObject({ reason: 'limited' });
    // Once the first failure ages out of the window, the right password works again.
    expect((await signIn(w.db, { email: 'sales@vitrine.test', password: DEMO_PASSWORD, ip: '203.0.113.1' }, start + SIGN_IN_LIMIT.windowMs)).ok).toBe(true);
    const refusals = await w.db.select().from(auditEvents).where(and(eq(auditEvents.kind, 'sign-in-blocked'), eq(auditEvents.actorEmail, 'sales@vitrine.test')));
    expect(refusals).toHaveLength(2);
  });

  test(`after ${ADDRESS_LIMIT.failures} failures from one address, every account it never signed in to is refused from it, and not from elsewhere`, async () => {
    const start = Date.parse('2027-05-03T09:00:00Z');
    for (let i = 0; i < ADDRESS_LIMIT.failures; i++) {
      await signIn(w.db, { email: `guess${i}@example.test`, password: 'wrong-password', ip: '192.0.2.99' }, start + i * 1000);
    }
    expect(await signIn(w.db, { email: 'supplier@bright.test', password: DEMO_PASSWORD, ip: '192.0.2.99' }, start + 200_000)).toMatchObject({ ok: false, reason: 'limited' });
    expect((await signIn(w.db, { email: 'supplier@bright.test', password: DEMO_PASSWORD, ip: '192.0.2.100' }, start + 200_000)).ok).toBe(true);
  });

  test('failures and successes are in the audit log with the address, never the password', async () => {
    const now = Date.parse('2027-05-04T09:00:00Z');
    await signIn(w.db, { email: 'admin@vitrine.test', password: 'secret-attempt-1', ip: '192.0.2.77' }, now);
    await signIn(w.db, { email: 'admin@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.77' }, now + 1);
    const events = await w.db.select().from(auditEvents).where(eq(auditEvents.ip, '192.0.2.77'));
    expect(events.map((e) => e.kind)).toEqual(['sign-in-failed', 'sign-in']);
    expect(JSON.stringify(events)).not.toContain('secret-attempt-1');
    expect(JSON.stringify(events)).not.toContain(DEMO_PASSWORD);
  });
});
