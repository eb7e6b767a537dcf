import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// The local driver answers synchronously, so without a turn between reads a page's dozen reads
// and their rendering ran as one turn of the event loop, and every other request (even /healthz)
// waited for all of it.
describe('reads outside a transaction let the event loop take a turn first', () => {
  let t: TempDatabase;
  beforeEach(async () => { t = await openTempDatabase(); });
  afterEach(() => t.close());

  it('a callback queued before a run of reads runs between them, not after the last', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    for (let i = 0; i < 3; i++) {
      await t.database.db.all(sql`SELECT count(*) AS n FROM organizations`);
      order.push(`read ${i + 1}`);
    }
    expect(order).toEqual(['other work', 'read 1', 'read 2', 'read 3']);
  });

  it('reads inside a transaction run straight on: the transaction holds the write turn', async () => {
    const order: string[] = [];
    await t.database.db.transaction(async (tx) => {
      setImmediate(() => order.push('other work'));
      await tx.all(sql`SELECT count(*) AS n FROM organizations`);
      order.push('read in transaction');
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['read in transaction', 'other work']);
  });

  it('writes still answer in order and reads see them', async () => {
    await t.database.db.run(sql`INSERT INTO organizations (name, slug, kind, created_at) VALUES ('A', 'a', 'customer', '2027-01-01T00:00:00.000Z')`);
    const [row] = await t.database.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM organizations WHERE slug = 'a'`);
    expect(row!.n).toBe(1);
  });
});
