import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

/** An item row of the old ('o') or new ('n') revision, with every field a buyer can notice. */
export interface ChangeRow {
  side: 'o' | 'n'; sku: string; name: string; description: string; category_path: string; unit: string; price_minor: number; tiers: string;
  min_order_qty: number; gtin: string | null; manufacturer: string | null; mpn: string | null; attributes: string; images: string;
}

/** Two revisions to compare; `rulesChanged`: the buyer's terms changed, so every row can differ for them. */
export interface ChangeRowsInput { oldRev: number; newRev: number; rulesChanged: boolean }

const COLUMNS = sql.raw('sku, name, description, category_path, unit, price_minor, tiers, min_order_qty, gtin, manufacturer, mpn, attributes, images');
// Two rows alike in every field a buyer can notice.
const SAME = (a: string, b: string) => sql.raw(`${b}.sku = ${a}.sku AND ${b}.name = ${a}.name AND ${b}.description = ${a}.description AND ${b}.category_path = ${a}.category_path
  AND ${b}.unit = ${a}.unit AND ${b}.price_minor = ${a}.price_minor AND ${b}.tiers = ${a}.tiers AND ${b}.min_order_qty = ${a}.min_order_qty
  AND ${b}.gtin IS ${a}.gtin AND ${b}.manufacturer IS ${a}.manufacturer AND ${b}.mpn IS ${a}.mpn AND ${b}.attributes = ${a}.attributes AND ${b}.images = ${a}.images`);

/**
 * Rows that can differ between the two revisions for a buyer. With unchanged rules only added,
 * removed and edited SKUs can; when the rules changed, every row can (one revision compared
 * with itself under old and new terms needs its rows once, as the old side).
 */
async function readChangeRows(db: Db, { oldRev, newRev, rulesChanged }: ChangeRowsInput): Promise<ChangeRow[]> {
  if (rulesChanged && oldRev === newRev) return db.all<ChangeRow>(sql`SELECT 'o' AS side, ${COLUMNS} FROM items WHERE revision_id = ${oldRev}`);
  const all = rulesChanged ? 1 : 0;
  return db.all<ChangeRow>(sql`
    SELECT 'n' AS side, ${COLUMNS} FROM items n WHERE n.revision_id = ${newRev}
      AND (${all} OR NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${oldRev} AND ${SAME('n', 'o')}))
    UNION ALL
    SELECT 'o', ${COLUMNS} FROM items o WHERE o.revision_id = ${oldRev}
      AND (${all} OR NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${newRev} AND ${SAME('o', 'n')}))`);
}

// A revision's items never change once it is ready, so the rows of a pair hold for good; kept
// per database (tests open several in one process), bounded by rows kept.
const keptFor = onePerObject((_: Db) => new LruCache<ChangeRow[]>({ maxEntries: 64, maxSize: 200_000, sizeOf: (rows) => rows.length + 1 }));

/**
 * The rows of a comparison, kept for the next customer who asks about the same publish. Read
 * where heavy work runs, by change-groups.server.ts (a 20,000-row price list held a serving
 * process's event loop for 260–480 ms under load). Callers read the rows and never change them.
 */
export function changeRows(db: Db, input: ChangeRowsInput): Promise<ChangeRow[]> {
  const key = `${input.oldRev}:${input.newRev}:${input.rulesChanged ? 1 : 0}`;
  return keptFor(db).load(key, () => readChangeRows(db, input));
}
