import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openWorld, type World } from '#tests/support/world.ts';
import { organizations, punchoutSessions, requisitionLists } from '#db/schema/index.ts';
import { createConnection } from '#features/punchout/connections.server.ts';
import { insertPunchoutSession } from '#features/punchout/punchout-sessions.server.ts';
import { runHousekeeping } from '#features/housekeeping/housekeeping.server.ts';

const DAY = 86_400_000;

describe('housekeeping of punchout sessions', () => {
  let w: World;
  beforeAll(async () => { w = await openWorld('accounts'); });
  afterAll(() => w?.close());

  test('sessions over for more than 30 days go with their baskets; recent and open ones stay', async () => {
    const buyer = await w.user('buyer@globex.test');
    const [globex] = await w.db.select().from(organizations).where(eq(organizations.id, buyer.orgId));
    const connection = await createConnection(w.db, { customerOrgId: globex!.id, systemName: 'Ariba', protocol: 'cxml', identity: 'hk-test', buyerEmail: buyer.email, returnHosts: 'localhost' }, { id: null, email: null }, new Date());
    const now = Date.now();
    const open = (at: number) => insertPunchoutSession(w.db, { connectionId: connection.id, buyerUserId: buyer.id, operation: 'create', buyerCookie: 'c', returnUrl: 'http://localhost/r', passBack: {} }, new Date(at));
    const endedLongAgo = await open(now - 40 * DAY);
    await w.db.update(punchoutSessions).set({ startedAt: now - 40 * DAY, lastSeenAt: now - 40 * DAY, endedAt: now - 40 * DAY }).where(eq(punchoutSessions.id, endedLongAgo.id));
    const neverStarted = await open(now - 31 * DAY);
    const endedYesterday = await open(now - DAY);
    await w.db.update(punchoutSessions).set({ startedAt: now - DAY, lastSeenAt: now - DAY, endedAt: now - DAY }).where(eq(punchoutSessions.id, endedYesterday.id));
    const inUse = await open(now - 1000);
    await w.db.update(punchoutSessions).set({ startedAt: now - 1000, lastSeenAt: now - 500 }).where(eq(punchoutSessions.id, inUse.id));

    const removed = await runHousekeeping(w.db, { now: new Date(now) });
    expect(removed.punchoutSessions).toBe(2);
    const left = (await w.db.select({ id: punchoutSessions.id }).from(punchoutSessions)).map((s) => s.id).sort();
    expect(left).toEqual([endedYesterday.id, inUse.id].sort());
    const lists = (await w.db.select({ id: requisitionLists.id }).from(requisitionLists)).map((l) => l.id);
    expect(lists).not.toContain(endedLongAgo.listId);
    expect(lists).not.toContain(neverStarted.listId);
    expect(lists).toEqual(expect.arrayContaining([endedYesterday.listId, inUse.listId]));
  });
});
