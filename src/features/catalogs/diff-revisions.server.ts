import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { DiffableItem, DiffField } from './diff-items.ts';
import { changedFields, priceMovePercent } from './diff-items.ts';

export interface DiffSummary { added: number; removed: number; changed: number; baseRevisionId: number | null }

// Columns compared in SQL; JSON columns are compared as stored text (written canonically by the pipeline).
const DIFFERS = sql.raw(`(n.name IS NOT o.name OR n.description IS NOT o.description OR n.category_path IS NOT o.category_path
  OR n.unit IS NOT o.unit OR n.price_minor IS NOT o.price_minor OR n.tiers IS NOT o.tiers OR n.min_order_qty IS NOT o.min_order_qty
  OR n.gtin IS NOT o.gtin OR n.manufacturer IS NOT o.manufacturer OR n.mpn IS NOT o.mpn OR n.attributes IS NOT o.attributes OR n.images IS NOT o.images)`);

/** Counts of added, removed and changed items between a base revision (or nothing) and a new one. */
export async function summarizeDiff(db: Db, baseRevisionId: number | null, revisionId: number): Promise<DiffSummary> {
  if (baseRevisionId === null) {
    const [r] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${revisionId}`);
    return { added: r?.n ?? 0, removed: 0, changed: 0, baseRevisionId };
  }
  const [r] = await db.all<{ added: number; removed: number; changed: number }>(sql`
    SELECT
      (SELECT count(*) FROM items n WHERE n.revision_id = ${revisionId}
         AND NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${baseRevisionId} AND o.sku = n.sku)) AS added,
      (SELECT count(*) FROM items o WHERE o.revision_id = ${baseRevisionId}
         AND NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${revisionId} AND n.sku = o.sku)) AS removed,
      (SELECT count(*) FROM items n JOIN items o ON o.revision_id = ${baseRevisionId} AND o.sku = n.sku
         WHERE n.revision_id = ${revisionId} AND ${DIFFERS}) AS changed`);
  return { added: r?.added ?? 0, removed: r?.removed ?? 0, changed: r?.changed ?? 0, baseRevisionId };
}

export type DiffKind = 'added' | 'removed' | 'changed';
export interface DiffEntry {
  kind: DiffKind; sku: string; name: string;
  beforePriceMinor: number | null; afterPriceMinor: number | null; priceMovePercent: number | null;
  fields: DiffField[];
}
export interface DiffQuery { kind?: DiffKind; sort?: 'sku' | 'price-move'; page?: number; pageSize?: number }

interface Row { kind: DiffKind; o: string | null; n: string | null }

function parseItem(json: string | null): DiffableItem | null {
  if (!json) return null;
  const r = JSON.parse(json) as DiffableItem & { tiers: unknown; attributes: unknown; images: unknown };
  return { ...r, tiers: JSON.parse(String(r.tiers)), attributes: JSON.parse(String(r.attributes)), images: JSON.parse(String(r.images)) };
}

const ITEM_JSON = (a: string) => sql.raw(`json_object('sku', ${a}.sku, 'name', ${a}.name, 'description', ${a}.description, 'categoryPath', ${a}.category_path,
  'unit', ${a}.unit, 'priceMinor', ${a}.price_minor, 'tiers', ${a}.tiers, 'minOrderQty', ${a}.min_order_qty, 'gtin', ${a}.gtin,
  'manufacturer', ${a}.manufacturer, 'mpn', ${a}.mpn, 'attributes', ${a}.attributes, 'images', ${a}.images)`);

/** One page of the diff, filtered by kind and sorted by SKU or by the size of the price move. */
export async function listDiff(db: Db, baseRevisionId: number | null, revisionId: number, q: DiffQuery = {}): Promise<{ entries: DiffEntry[]; total: number }> {
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const offset = (Math.max(q.page ?? 1, 1) - 1) * pageSize;
  const base = baseRevisionId ?? -1;
  const kindFilter = q.kind ? sql`WHERE kind = ${q.kind}` : sql``;
  const order = q.sort === 'price-move'
    ? sql.raw('ORDER BY abs(coalesce((np - op) * 1.0 / nullif(op, 0), 0)) DESC, sku')
    : sql.raw('ORDER BY sku');
  const all = sql`
    WITH d AS (
      SELECT 'added' AS kind, n.sku AS sku, NULL AS op, n.price_minor AS np, NULL AS o, ${ITEM_JSON('n')} AS n
        FROM items n WHERE n.revision_id = ${revisionId} AND NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${base} AND o.sku = n.sku)
      UNION ALL
      SELECT 'removed', o.sku, o.price_minor, NULL, ${ITEM_JSON('o')}, NULL
        FROM items o WHERE o.revision_id = ${base} AND NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${revisionId} AND n.sku = o.sku)
      UNION ALL
      SELECT 'changed', n.sku, o.price_minor, n.price_minor, ${ITEM_JSON('o')}, ${ITEM_JSON('n')}
        FROM items n JOIN items o ON o.revision_id = ${base} AND o.sku = n.sku WHERE n.revision_id = ${revisionId} AND ${DIFFERS}
    )`;
  const [count] = await db.all<{ n: number }>(sql`${all} SELECT count(*) AS n FROM d ${kindFilter}`);
  const rows = await db.all<Row>(sql`${all} SELECT kind, o, n FROM d ${kindFilter} ${order} LIMIT ${pageSize} OFFSET ${offset}`);
  const entries = rows.map((r): DiffEntry => {
    const before = parseItem(r.o);
    const after = parseItem(r.n);
    const item = (after ?? before)!;
    return {
      kind: r.kind, sku: item.sku, name: item.name,
      beforePriceMinor: before?.priceMinor ?? null, afterPriceMinor: after?.priceMinor ?? null,
      priceMovePercent: before && after ? priceMovePercent(before.priceMinor, after.priceMinor) : null,
      fields: before && after ? changedFields(before, after) : [],
    };
  });
  return { entries, total: count?.n ?? 0 };
}
