import { setImmediate as nextTurn } from 'node:timers/promises';
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items } from '#db/schema/index.ts';
import { itemKeys } from './item-keys.ts';

const BATCH = 500;

/**
 * Gives items stored before their keys existed (migration 0008) their lookup and sort keys, a
 * batch at a time, once: items written since carry them from the start. Returns how many it filled.
 */
export async function fillItemKeys(db: Db): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.select({ id: items.id, sku: items.sku, name: items.name, gtin: items.gtin, mpn: items.mpn }).from(items).where(isNull(items.nameSort)).limit(BATCH);
    if (rows.length === 0) return filled;
    const [first, ...rest] = rows.map((r) => db.update(items).set(itemKeys(r)).where(eq(items.id, r.id)));
    await db.batch([first!, ...rest]);
    filled += rows.length;
    await nextTurn(); // let requests in between batches
  }
}

/** Whether any item still lacks its keys (a cheap probe for the start). */
export async function itemKeysMissing(db: Db): Promise<boolean> {
  const [row] = await db.all<{ one: number }>(sql`SELECT 1 AS one FROM items WHERE name_sort IS NULL LIMIT 1`);
  return row !== undefined;
}
