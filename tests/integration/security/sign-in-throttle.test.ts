import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDemoWorld, type DemoWorld } from '../auth/demo-accounts-fixture.ts';
import { auditEvents } from '#db/schema/index.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Strangers' failures must not lock the owner out; they slow the strangers down instead. */
describe('sign-in throttling by account and address', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test("ten wrong passwords from one address do not lock the owner out, neither from a known nor from a new address", async () => {
    const start = Date.parse('2027-07-01T09:00:00Z');
    expect((await signIn(w.db, { email: 'admin@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.1' }, start)).ok).toBe(true);
    for (let i = 0; i < 12; i++) await signIn(w.db, { email: 'admin@vitrine.test', password: `wrong-${i}-xxxx`, ip: '203.0.113.66' }, start + MINUTE + i * SECOND);
    // The stranger's own address is stopped for this account…
    expect(await signIn(w.db, { email: 'admin@vitrine.test', password: DEMO_PASSWORD, ip: '203.0.113.66' }, start + 2 * MINUTE)).toMatchObject({ ok: false, reason: 'limited' });
    // …the owner is not: from the address that signed in before, and from another one.
    expect((await signIn(w.db, { email: 'admin@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.1' }, start + 2 * MINUTE)).ok).toBe(true);
    expect((await signIn(w.db, { email: 'admin@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.2' }, start + 2 * MINUTE)).ok).toBe(true);
    // The stopped address may still sign in to another account.
    expect((await signIn(w.db, { email: 'sales@vitrine.test', password: DEMO_PASSWORD, ip: '203.0.113.66' }, start + 2 * MINUTE)).ok).toBe(true);
  });

  test('failures from many addresses slow the account down with growing delays, never a hard lock; the owner at a known address passes', async () => {
    const start = Date.parse('2027-07-02T09:00:00Z');
    expect((await signIn(w.db, { email: 'sales@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.20' }, start)).ok).toBe(true);
    let t = start + MINUTE;
    let refused = 0;
    const delays: number[] = [];
    // A botnet: every guess from a new address, as fast as it is let through.
    for (let i = 0; i < 70; i++) {
      const ip = `10.${Math.floor(i / 250)}.${i % 250}.9`;
      const r = await signIn(w.db, { email: 'sales@vitrine.test', password: `botnet-${i}-guess`, ip }, t);
      if (!r.ok && r.reason === 'limited') {
        refused++;
        delays.push(r.retryAt - t);
        t = r.retryAt; // waits exactly as long as asked, then goes on
        i--;
        continue;
      }
      expect(r).toEqual({ ok: false, reason: 'invalid' });
      t += 100;
    }
    expect(refused).toBeGreaterThan(0);
    // Delays grow, and the account still opens once a delay has passed.
    expect(delays.at(-1)!).toBeGreaterThan(delays[0]!);
    expect(delays.every((d) => d <= 15 * MINUTE)).toBe(true);
    // The owner at the address they used before is not slowed at all.
    const owner = await signIn(w.db, { email: 'sales@vitrine.test', password: DEMO_PASSWORD, ip: '192.0.2.20' }, t + 1);
    expect(owner.ok).toBe(true);
  });

  test('the owner is told at the next sign-in that their account was attacked, and the audit log says so', async () => {
    const start = Date.parse('2027-07-03T09:00:00Z');
    expect((await signIn(w.db, { email: 'supplier@acme.test', password: DEMO_PASSWORD, ip: '192.0.2.30' }, start)).ok).toBe(true);
    for (let i = 0; i < 8; i++) await signIn(w.db, { email: 'supplier@acme.test', password: `wrong-${i}-xxxx`, ip: `198.51.100.${100 + (i % 3)}` }, start + MINUTE + i * SECOND);
    const next = await signIn(w.db, { email: 'supplier@acme.test', password: DEMO_PASSWORD, ip: '192.0.2.30' }, start + 10 * MINUTE);
    expect(next).toMatchObject({ ok: true, attempts: { failures: 8, addresses: 3 } });
    const reported = await w.db.select().from(auditEvents).where(and(eq(auditEvents.kind, 'sign-in-attempts-reported'), eq(auditEvents.actorEmail, 'supplier@acme.test')));
    expect(reported).toHaveLength(1);
    expect(reported[0]!.detail).toMatchObject({ failures: 8, addresses: 3 });
    // Told once: the sign-in after that has nothing to report.
    const again = await signIn(w.db, { email: 'supplier@acme.test', password: DEMO_PASSWORD, ip: '192.0.2.30' }, start + 11 * MINUTE);
    expect(again).toMatchObject({ ok: true, attempts: null });
  });
});
