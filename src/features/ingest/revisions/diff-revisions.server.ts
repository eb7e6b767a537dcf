import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { DiffableItem, DiffField } from './diff-items.ts';
import { changedFields, priceMovePercent } from './diff-items.ts';
import { describeFieldChanges, type FieldChange } from './field-values.ts';

export interface DiffSummary { added: number; removed: number; changed: number; baseRevisionId: number | null }

// Columns compared in SQL; JSON columns are compared as stored text (written canonically by the pipeline).
const DIFFERS = sql.raw(`(n.name IS NOT o.name OR n.description IS NOT o.description OR n.category_path IS NOT o.category_path
  OR n.unit IS NOT o.unit OR n.price_minor IS NOT o.price_minor OR n.tiers IS NOT o.tiers OR n.min_order_qty IS NOT o.min_order_qty
  OR n.gtin IS NOT o.gtin OR n.manufacturer IS NOT o.manufacturer OR n.mpn IS NOT o.mpn OR n.attributes IS NOT o.attributes OR n.images IS NOT o.images)`);

/**
 * Counts of added, removed and changed items between a base revision (or nothing) and a new one:
 * one pass over the SKUs both hold; the totals come from the (revision, SKU) index alone.
 */
export async function summarizeDiff(db: Db, baseRevisionId: number | null, revisionId: number): Promise<DiffSummary> {
  if (baseRevisionId === null) {
    const [r] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${revisionId}`);
    return { added: r?.n ?? 0, removed: 0, changed: 0, baseRevisionId };
  }
  const [r] = await db.all<{ newTotal: number; baseTotal: number; common: number; changed: number | null }>(sql`
    SELECT
      (SELECT count(*) FROM items WHERE revision_id = ${revisionId}) AS newTotal,
      (SELECT count(*) FROM items WHERE revision_id = ${baseRevisionId}) AS baseTotal,
      count(*) AS common,
      sum(${DIFFERS}) AS changed
    FROM items n JOIN items o ON o.revision_id = ${baseRevisionId} AND o.sku = n.sku
    WHERE n.revision_id = ${revisionId}`);
  const common = r?.common ?? 0;
  return { added: (r?.newTotal ?? 0) - common, removed: (r?.baseTotal ?? 0) - common, changed: r?.changed ?? 0, baseRevisionId };
}

export type DiffKind = 'added' | 'removed' | 'changed';
export interface DiffEntry {
  kind: DiffKind; sku: string; name: string;
  beforePriceMinor: number | null; afterPriceMinor: number | null; priceMovePercent: number | null;
  fields: DiffField[];
  /** For 'changed': each field old → new, in words (prices in `currency`). */
  changes: FieldChange[];
  /** For 'removed': the row of the new file the SKU is in, when an error left it out (it was not taken away on purpose). */
  leftOutRow: number | null;
}
export interface DiffQuery {
  /** The catalog's currency, for prices and quantity breaks in words. */
  currency?: string;
  kind?: DiffKind; sort?: 'sku' | 'price-move'; page?: number; pageSize?: number; /** The counts, when the caller has them already. */ summary?: DiffSummary }

interface Row { kind: DiffKind; oid: number | null; nid: number | null; sku: string }

function parseItem(json: string | undefined): DiffableItem | null {
  if (!json) return null;
  const r = JSON.parse(json) as DiffableItem & { tiers: unknown; attributes: unknown; images: unknown };
  return { ...r, tiers: JSON.parse(String(r.tiers)), attributes: JSON.parse(String(r.attributes)), images: JSON.parse(String(r.images)) };
}

const ITEM_JSON = sql.raw(`json_object('sku', sku, 'name', name, 'description', description, 'categoryPath', category_path,
  'unit', unit, 'priceMinor', price_minor, 'tiers', tiers, 'minOrderQty', min_order_qty, 'gtin', gtin,
  'manufacturer', manufacturer, 'mpn', mpn, 'attributes', attributes, 'images', images)`);

/**
 * The rows of one kind of change, carrying only ids, SKU and prices: the items themselves are
 * read for the page shown, not for every change.
 */
function arm(kind: DiffKind, base: number, revisionId: number) {
  switch (kind) {
    case 'added':
      return sql`SELECT 'added' AS kind, n.sku AS sku, NULL AS oid, n.id AS nid, NULL AS op, n.price_minor AS np
        FROM items n WHERE n.revision_id = ${revisionId} AND NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${base} AND o.sku = n.sku)`;
    case 'removed':
      return sql`SELECT 'removed' AS kind, o.sku AS sku, o.id AS oid, NULL AS nid, o.price_minor AS op, NULL AS np
        FROM items o WHERE o.revision_id = ${base} AND NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${revisionId} AND n.sku = o.sku)`;
    case 'changed':
      return sql`SELECT 'changed' AS kind, n.sku AS sku, o.id AS oid, n.id AS nid, o.price_minor AS op, n.price_minor AS np
        FROM items n JOIN items o ON o.revision_id = ${base} AND o.sku = n.sku WHERE n.revision_id = ${revisionId} AND ${DIFFERS}`;
  }
}

/** One page of the diff, filtered by kind and sorted by SKU or by the size of the price move. */
export async function listDiff(db: Db, baseRevisionId: number | null, revisionId: number, q: DiffQuery = {}): Promise<{ entries: DiffEntry[]; total: number }> {
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 500);
  const offset = (Math.max(q.page ?? 1, 1) - 1) * pageSize;
  const base = baseRevisionId ?? -1;
  const kinds: DiffKind[] = q.kind ? [q.kind] : ['added', 'removed', 'changed'];
  const union = sql.join(kinds.map((k) => arm(k, base, revisionId)), sql` UNION ALL `);
  const order = q.sort === 'price-move'
    ? sql.raw('ORDER BY abs(coalesce((np - op) * 1.0 / nullif(op, 0), 0)) DESC, sku')
    : sql.raw('ORDER BY sku');
  const summary = q.summary ?? await summarizeDiff(db, baseRevisionId, revisionId);
  const total = kinds.reduce((sum, k) => sum + summary[k], 0);
  const rows = total === 0 ? [] : await db.all<Row>(sql`SELECT kind, oid, nid, sku FROM (${union}) ${order} LIMIT ${pageSize} OFFSET ${offset}`);
  // A SKU of the old revision that the new file has in a row with an error was left out, not removed.
  const removed = rows.filter((r) => r.kind === 'removed').map((r) => r.sku);
  const leftOut = new Map<string, number>();
  if (removed.length) {
    for (const r of await db.all<{ sku: string; row: number }>(sql`SELECT sku, min(row_number) AS row FROM revision_problems
      WHERE revision_id = ${revisionId} AND severity = 'error' AND sku IN (${sql.join(removed.map((s) => sql`${s}`), sql`, `)}) GROUP BY sku`)) leftOut.set(r.sku, r.row);
  }
  const ids = rows.flatMap((r) => [r.oid, r.nid]).filter((id): id is number => id !== null);
  const json = new Map<number, string>();
  if (ids.length) {
    for (const r of await db.all<{ id: number; j: string }>(sql`SELECT id, ${ITEM_JSON} AS j FROM items WHERE id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)) json.set(r.id, r.j);
  }
  const entries = rows.map((r): DiffEntry => {
    const before = parseItem(r.oid === null ? undefined : json.get(r.oid));
    const after = parseItem(r.nid === null ? undefined : json.get(r.nid));
    const item = (after ?? before)!;
    return {
      kind: r.kind, sku: item.sku, name: item.name,
      beforePriceMinor: before?.priceMinor ?? null, afterPriceMinor: after?.priceMinor ?? null,
      priceMovePercent: before && after ? priceMovePercent(before.priceMinor, after.priceMinor) : null,
      fields: before && after ? changedFields(before, after) : [],
      changes: before && after ? describeFieldChanges(before, after, changedFields(before, after), q.currency ?? 'EUR') : [],
      leftOutRow: r.kind === 'removed' ? leftOut.get(item.sku) ?? null : null,
    };
  });
  return { entries, total };
}
