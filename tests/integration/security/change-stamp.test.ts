import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDemoWorld, meta, type DemoWorld } from '../auth/demo-accounts-fixture.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

/** The fast lane trusts its memos while the change stamp stays put: only what changes a page or a session may move it. */
describe('the change stamp', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('failed and successful sign-ins, blocked ones and new API tokens leave it alone', async () => {
    const before = await changeStamp(w.db);
    const now = Date.parse('2027-10-01T09:00:00Z');
    for (let i = 0; i < 12; i++) await signIn(w.db, { email: 'buyer@globex.test', password: `wrong-${i}-xxxx`, ip: '198.51.100.77' }, now);
    expect((await signIn(w.db, { email: 'buyer@globex.test', password: DEMO_PASSWORD, ip: '198.51.100.78' }, now)).ok).toBe(true);
    await createApiToken(w.db, await w.user('buyer@globex.test'), 'Script', meta(new Date(now)));
    expect(await changeStamp(w.db)).toBe(before);
  });

  test('a sign-out, a disabled user and a publish move it', async () => {
    let stamp = await changeStamp(w.db);
    const moved = async () => {
      const next = await changeStamp(w.db);
      const did = next !== stamp;
      stamp = next;
      return did;
    };
    await recordAuditEvent(w.db, { kind: 'sign-out', actor: null });
    expect(await moved()).toBe(true);
    const admin = await w.user('admin@vitrine.test');
    await setUserDisabled(w.db, admin, (await w.user('buyer@initech.test')).id, true, meta(new Date()));
    expect(await moved()).toBe(true);
    await recordAuditEvent(w.db, { kind: 'revision-published', actor: admin });
    expect(await moved()).toBe(true);
    await recordAuditEvent(w.db, { kind: 'sign-in-failed', actor: null });
    expect(await moved()).toBe(false);
  });
});
