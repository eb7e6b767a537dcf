import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { organizations } from '#db/schema/index.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Longest gap between 5 ms timer ticks while `work` runs: how long the event loop was blocked. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const [result] = await Promise.allSettled([work()]);
  clearInterval(ticker);
  return { result: result!, stallMs };
}

const addOrg = (slug: string) => sql`INSERT INTO organizations (name, slug, kind, created_at) VALUES (${slug}, ${slug}, 'customer', '2027-01-01T00:00:00.000Z')`;

describe('writes of one process take turns (the local driver waits for locks synchronously)', () => {
  let t: TempDatabase;
  beforeEach(async () => { t = await openTempDatabase(); });
  afterEach(() => t.close());

  it('a write during a transaction that spans awaits waits for it, without blocking the event loop or failing', async () => {
    const { db } = t.database;
    const order: string[] = [];
    const { result, stallMs } = await longestStall(async () => {
      const publish = db.transaction(async (tx) => {
        for (let i = 0; i < 4; i++) { await tx.run(addOrg(`long-${i}`)); await pause(150); }
        order.push('transaction');
      });
      await pause(20);
      const visit = db.run(addOrg('visit')).then(() => order.push('write'));
      await Promise.all([publish, visit]);
    });
    expect(result.status).toBe('fulfilled');
    expect(order).toEqual(['transaction', 'write']);
    // Before the queue, the write spun in SQLite's busy handler for the whole 5 s busy timeout and then failed.
    expect(stallMs).toBeLessThan(1000);
    expect(await db.$count(organizations)).toBe(5);
  });

  it('reads do not wait for an open transaction', async () => {
    const { db } = t.database;
    let committed = false;
    const publish = db.transaction(async (tx) => { await tx.run(addOrg('pending')); await pause(300); committed = true; });
    await pause(20);
    const seen = await db.select().from(organizations).where(eq(organizations.slug, 'pending'));
    expect(committed).toBe(false);
    expect(seen).toEqual([]); // WAL: the reader sees the last committed state
    await publish;
  });

  it('a transaction that fails gives the turn back: the next write goes through', async () => {
    const { db } = t.database;
    await expect(db.transaction(async (tx) => { await tx.run(addOrg('rolled-back')); throw new Error('refused'); })).rejects.toThrow('refused');
    await db.run(addOrg('after'));
    expect((await db.select({ slug: organizations.slug }).from(organizations)).map((o) => o.slug)).toEqual(['after']);
  });

  it('two clients of the same file in one process share the queue', async () => {
    const second = await openDatabase(`file:${join(t.dir, 'test.db')}`);
    try {
      const { result, stallMs } = await longestStall(async () => {
        const publish = t.database.db.transaction(async (tx) => { await tx.run(addOrg('first')); await pause(200); });
        await pause(20);
        await Promise.all([publish, second.db.run(addOrg('second'))]);
      });
      expect(result.status).toBe('fulfilled');
      expect(stallMs).toBeLessThan(1000);
    } finally {
      second.client.close();
    }
  });
});
