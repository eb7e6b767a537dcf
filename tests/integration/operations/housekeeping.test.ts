import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openPipelineWorld, csv, meta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { runHousekeeping, RETENTION } from '#features/housekeeping/housekeeping.server.ts';
import { createSession } from '#features/auth/sessions.server.ts';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { createAccountLink } from '#features/accounts/account-links.server.ts';
import { rollBackTo } from '#features/catalogs/rollback-revision.server.ts';
import { accountLinks, items, revisions, sessions, signInFailures } from '#db/schema/index.ts';

const DAY = 86_400_000;

describe('housekeeping', () => {
  let w: PipelineWorld;
  beforeAll(async () => { w = await openPipelineWorld(); });
  afterAll(() => w?.close());

  test('removes expired sessions, spent or expired links after 30 days, and old sign-in failures; keeps the rest', async () => {
    const now = Date.now();
    const buyer = await w.user('buyer@globex.test');
    const live = await createSession(w.db, buyer.id, now);
    const idle = await createSession(w.db, buyer.id, now - SESSION_POLICY.inactivityMs - 1000);
    const org = { orgId: buyer.orgId, role: 'buyer' as const, userId: null, createdBy: null };
    const oldUsed = await createAccountLink(w.db, { ...org, purpose: 'invite', email: 'old-used@globex.test' }, new Date(now - 40 * DAY));
    await w.db.update(accountLinks).set({ usedAt: new Date(now - 39 * DAY).toISOString() }).where(eq(accountLinks.id, oldUsed.link.id));
    const oldExpired = await createAccountLink(w.db, { ...org, purpose: 'invite', email: 'old-expired@globex.test' }, new Date(now - 45 * DAY));
    const recentUsed = await createAccountLink(w.db, { ...org, purpose: 'invite', email: 'recent@globex.test' }, new Date(now - 2 * DAY));
    await w.db.update(accountLinks).set({ usedAt: new Date(now - DAY).toISOString() }).where(eq(accountLinks.id, recentUsed.link.id));
    const pending = await createAccountLink(w.db, { ...org, purpose: 'invite', email: 'pending@globex.test' }, new Date(now));
    await w.db.insert(signInFailures).values([{ key: 'email:x@y.test', at: now - RETENTION.signInFailuresMs - 1 }, { key: 'email:x@y.test', at: now - 1000 }]);

    const removed = await runHousekeeping(w.db, { now: new Date(now) });
    expect(removed).toMatchObject({ sessions: 1, links: 2, signInFailures: 1 });
    const sessionIds = (await w.db.select({ id: sessions.id }).from(sessions)).map((s) => s.id);
    expect(sessionIds).toContain(live.session.id);
    expect(sessionIds).not.toContain(idle.session.id);
    const linkIds = (await w.db.select({ id: accountLinks.id }).from(accountLinks)).map((l) => l.id);
    expect(linkIds).toEqual(expect.arrayContaining([recentUsed.link.id, pending.link.id]));
    expect(linkIds).not.toContain(oldUsed.link.id);
    expect(linkIds).not.toContain(oldExpired.link.id);
    expect(await w.db.select().from(signInFailures)).toHaveLength(1);
  });

  test('keeps the items of the last KEEP_REVISIONS superseded revisions per catalog (rollback reaches them) and drops older ones', async () => {
    const catalog = await w.catalog('Housekeeping catalog');
    const other = await w.catalog('Other catalog');
    const published: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const r = await w.uploadAndRead(catalog.id, csv(`H-${i},Item ${i},${i}.00,Things,`, `H-0,Steady,1.00,Things,`), `v${i}.csv`);
      await w.publish(r.id);
      published.push(r.id);
    }
    const o = await w.uploadAndRead(other.id, csv('O-1,Other,1.00,Things,'), 'o.csv');
    await w.publish(o.id);
    const ready = await w.uploadAndRead(catalog.id, csv('H-9,Not yet,9.00,Things,'), 'ready.csv'); // not published: untouched

    const removed = await runHousekeeping(w.db, { keepRevisions: 3 });
    // 6 published: 1 live, 5 superseded; the newest 3 superseded stay, 2 are dropped.
    expect(removed).toMatchObject({ revisions: 2, items: 4 });
    const state = async (id: number) => (await w.revision(id)).state;
    const itemCount = async (id: number) => (await w.db.select({ n: sql<number>`count(*)` }).from(items).where(eq(items.revisionId, id)))[0]!.n;
    expect(await Promise.all(published.map(state))).toEqual(['discarded', 'discarded', 'superseded', 'superseded', 'superseded', 'published']);
    expect(await Promise.all(published.map(itemCount))).toEqual([0, 0, 2, 2, 2, 2]);
    expect([await state(o.id), await itemCount(o.id)]).toEqual(['published', 1]);
    expect([await state(ready.id), await itemCount(ready.id)]).toEqual(['ready', 1]);

    // Rollback reaches the oldest kept revision, not a dropped one.
    await expect(rollBackTo(w.db, w.acme, published[1]!, meta())).rejects.toThrow();
    await rollBackTo(w.db, w.acme, published[2]!, meta());
    expect(await w.liveOf(catalog.id)).toBe(published[2]);
    // Run again: nothing more to drop (the rolled-back-to revision is live, the others are within the limit).
    expect((await runHousekeeping(w.db, { keepRevisions: 3 })).revisions).toBe(0);
    const [{ n }] = await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM revisions WHERE catalog_id = ${catalog.id} AND state = 'superseded'`) as [{ n: number }];
    expect(n).toBe(3);
    expect(await w.db.select().from(revisions).where(eq(revisions.id, published[0]!))).toHaveLength(1); // the row stays, for history
  });

  test('by default the last 10 superseded revisions are kept', () => {
    expect(RETENTION.keepRevisions).toBe(10);
  });
});
