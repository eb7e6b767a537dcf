import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDemoWorld, type DemoWorld } from './demo-accounts-fixture.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { AUDIT_PAGE_SIZE, listAuditEvents } from '#features/audit/list-audit-events.server.ts';
import { userSubject } from '#features/audit/subjects.ts';

describe('audit log', () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await openDemoWorld();
    const start = Date.parse('2027-09-01T00:00:00Z');
    // 120 sign-ins of the buyer, 5 failures of an unknown email, 3 things done to the buyer by the admin.
    for (let i = 0; i < 120; i++) await recordAuditEvent(w.db, { kind: 'sign-in', actor: { id: 5, email: 'buyer@globex.test' }, ip: '192.0.2.1', at: new Date(start + i * 60_000) });
    for (let i = 0; i < 5; i++) await recordAuditEvent(w.db, { kind: 'sign-in-failed', actor: { id: null, email: 'ghost@nowhere.test' }, ip: '192.0.2.2', at: new Date(start + i * 1000) });
    for (const kind of ['user-disabled', 'user-enabled', 'role-changed']) {
      await recordAuditEvent(w.db, { kind, actor: { id: 1, email: 'admin@vitrine.test' }, subject: userSubject('buyer@globex.test'), at: new Date(start + 200 * 60_000) });
    }
  });
  afterAll(() => w.close());

  test('newest first, one page at a time', async () => {
    const first = await listAuditEvents(w.db, {});
    expect(first.total).toBe(128);
    expect(first.pageCount).toBe(Math.ceil(128 / AUDIT_PAGE_SIZE));
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.events[0]!.at >= first.events[1]!.at).toBe(true);
    const last = await listAuditEvents(w.db, { page: first.pageCount });
    expect(last.events).toHaveLength(128 - AUDIT_PAGE_SIZE * (first.pageCount - 1));
    expect((await listAuditEvents(w.db, { page: 999 })).page).toBe(first.pageCount);
    expect((await listAuditEvents(w.db, { page: -3 })).page).toBe(1);
  });

  test('by person: what they did and what was done to them', async () => {
    const buyer = await listAuditEvents(w.db, { person: 'Buyer@Globex.test' });
    expect(buyer.total).toBe(123);
    const ghost = await listAuditEvents(w.db, { person: 'ghost@nowhere.test' });
    expect(ghost.events.map((e) => e.kind)).toEqual(Array(5).fill('sign-in-failed'));
  });

  test('by kind, and by person and kind together', async () => {
    expect((await listAuditEvents(w.db, { kind: 'sign-in-failed' })).total).toBe(5);
    expect((await listAuditEvents(w.db, { person: 'buyer@globex.test', kind: 'user-disabled' })).events.map((e) => e.actorEmail)).toEqual(['admin@vitrine.test']);
    expect((await listAuditEvents(w.db, { person: 'admin@vitrine.test', kind: 'sign-in' })).total).toBe(0);
  });
});
