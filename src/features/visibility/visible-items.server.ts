import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import type { BrowseContext, LiveCatalog } from './browse-context.server.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { NetPrice } from '#features/pricing/types.ts';
import { buyerPriceBreaks, type PriceBreak } from './price-breaks.ts';
import { whereFor, type ItemQuery, type ItemSort } from './visible-where.ts';
import { priceOrder } from './price-order.server.ts';

import { visibleCategoryCounts } from './category-counts.server.ts';

export { visibleCategoryCounts };

export interface VisibleItem {
  id: number; catalog: LiveCatalog; sku: string; name: string; description: string; categoryPath: string; unit: string;
  listPriceMinor: number; tiers: PriceTier[]; minOrderQty: number; gtin: string | null; manufacturer: string | null; mpn: string | null;
  attributes: Record<string, string>; images: string[];
  /** The buyer's net unit price at quantity 1, with the rule that produced it. */
  price: NetPrice;
  /** Quantity breaks above 1 at the buyer's prices (see price-breaks.ts). */
  netTiers: PriceBreak[];
}

export { whereFor, type ItemQuery, type ItemSort };

interface Row {
  id: number; revision_id: number; sku: string; name: string; description: string; category_path: string; unit: string; price_minor: number;
  tiers: string; min_order_qty: number; gtin: string | null; manufacturer: string | null; mpn: string | null; attributes: string; images: string;
}

/** Prices a row for the buyer; null if no view shows it (the SQL filter and pricing agree, this is the second check). */
export function toVisibleItem(ctx: BrowseContext, r: Row): VisibleItem | null {
  const catalog = ctx.catalogOfRevision.get(r.revision_id);
  if (!catalog) return null;
  const tiers = JSON.parse(r.tiers) as PriceTier[];
  const ref = { catalogId: catalog.id, sku: r.sku, categoryPath: r.category_path, priceMinor: r.price_minor, tiers, currency: catalog.currency };
  const now = new Date(ctx.nowMs);
  const price = priceItem(ctx.compiled, ref, 1, now);
  if (!price) return null;
  const netTiers = buyerPriceBreaks(ctx.compiled, ref, now).filter((b) => b.minQty > 1);
  return {
    id: r.id, catalog, sku: r.sku, name: r.name, description: r.description, categoryPath: r.category_path, unit: r.unit, listPriceMinor: r.price_minor,
    tiers, minOrderQty: r.min_order_qty, gtin: r.gtin, manufacturer: r.manufacturer, mpn: r.mpn,
    attributes: JSON.parse(r.attributes) as Record<string, string>, images: JSON.parse(r.images) as string[], price, netTiers,
  };
}

/** Rows by id, in the order of `ids`, priced for the buyer (ids come from a query already scoped by whereFor). */
export async function itemsByIds(db: Db, ctx: BrowseContext, ids: readonly number[]): Promise<VisibleItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Row>(sql`SELECT i.* FROM items i WHERE i.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Row => r !== undefined).map((r) => toVisibleItem(ctx, r)).filter((x): x is VisibleItem => x !== null);
}

// Natural order (M3 before M10, 12 mm before 100 mm) by the keys stored with each item
// (kernel/natural-sort-key.ts); the plain text stands in for a row not given its keys yet.
const orderBy = (sort: ItemSort | undefined): SQL => (sort === 'sku'
  ? sql`coalesce(i.sku_sort, i.sku), i.sku`
  : sql`coalesce(i.name_sort, lower(i.name)), coalesce(i.sku_sort, i.sku), i.sku`);

/** The ids of every item matching the query (`total` of them), in its sort order (for listings that keep the order to page through). */
export async function orderedVisibleIds(db: Db, ctx: BrowseContext, q: ItemQuery, total: number): Promise<number[]> {
  if (q.sort === 'price') return priceOrder(db, ctx, q, total);
  return (await db.all<{ id: number }>(sql`SELECT i.id FROM items i WHERE ${whereFor(ctx, q)} ORDER BY ${orderBy(q.sort)}`)).map((r) => r.id);
}

/**
 * One page of the items a buyer may see, at their prices. Sorting by price sorts by the net
 * price, which only pricing knows, so that sort prices every matching item first. `knownTotal`
 * spares the count when the caller has it (a category's count from the tree).
 */
export async function listVisibleItems(db: Db, ctx: BrowseContext, q: ItemQuery = {}, knownTotal?: number): Promise<{ items: VisibleItem[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const where = whereFor(ctx, q);
  const total = knownTotal ?? (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items i WHERE ${where}`))[0]?.n ?? 0;
  // The sort sees ids and the sort columns only; the page's rows are then read whole.
  const ids = q.sort === 'price'
    ? (await priceOrder(db, ctx, q, total)).slice((page - 1) * pageSize, page * pageSize)
    : (await db.all<{ id: number }>(sql`SELECT i.id FROM items i WHERE ${where} ORDER BY ${orderBy(q.sort)} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`)).map((r) => r.id);
  return { items: await itemsByIds(db, ctx, ids), total, page, pageSize };
}

/** One item by catalog slug and SKU, or null when the buyer may not see it (a guessed URL finds nothing). */
export async function getVisibleItem(db: Db, ctx: BrowseContext, catalogSlug: string, sku: string): Promise<VisibleItem | null> {
  const catalog = [...ctx.catalogs.values()].find((c) => c.slug === catalogSlug);
  if (!catalog) return null;
  const rows = await db.all<Row>(sql`SELECT i.* FROM items i WHERE i.sku = ${sku} AND ${whereFor(ctx, { catalogId: catalog.id })} LIMIT 1`);
  return rows[0] ? toVisibleItem(ctx, rows[0]) : null;
}

/** Whether any item the buyer may see uses this image (media of non-public items stay private). */
export async function imageIsVisible(db: Db, ctx: BrowseContext, hash: string): Promise<boolean> {
  // The LIKE is a cheap first sieve over the JSON text; json_each then compares exactly.
  const rows = await db.all<{ one: number }>(sql`SELECT 1 AS one FROM items i WHERE ${whereFor(ctx, {})} AND i.images LIKE ${`%${hash.replace(/[\\%_]/g, '')}%`} AND EXISTS (SELECT 1 FROM json_each(i.images) WHERE json_each.value = ${hash}) LIMIT 1`);
  return rows.length > 0;
}

/** Visible items per catalog id (for the catalog list): the sums of the category counts, which are kept per revision. */
export async function countVisibleItems(db: Db, ctx: BrowseContext): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const c of ctx.catalogs.values()) counts.set(c.id, (await visibleCategoryCounts(db, ctx, c.id)).reduce((n, row) => n + row.count, 0));
  return counts;
}

/**
 * Every visible item of a catalog (or of one category of it), in category then SKU order,
 * in batches read by key rather than by offset, so a 100,000-item export stays linear.
 */
export async function* visibleItemBatches(db: Db, ctx: BrowseContext, catalogId: number, categoryPath?: string, batchSize = 1000): AsyncGenerator<VisibleItem[]> {
  const where = whereFor(ctx, { catalogId, categoryPath });
  let after: { path: string; sku: string } | null = null;
  for (;;) {
    const from: SQL = after ? sql`AND (i.category_path, i.sku) > (${after.path}, ${after.sku})` : sql``;
    const rows: Row[] = await db.all<Row>(sql`SELECT i.* FROM items i WHERE ${where} ${from} ORDER BY i.category_path, i.sku LIMIT ${batchSize}`);
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = { path: last.category_path, sku: last.sku };
    yield rows.map((r) => toVisibleItem(ctx, r)).filter((x): x is VisibleItem => x !== null);
    if (rows.length < batchSize) return;
  }
}

/** The visible items with these SKUs, in any catalog of the scope or in one (for lists and quick orders). */
export async function findVisibleBySkus(db: Db, ctx: BrowseContext, skus: readonly string[], catalogId?: number): Promise<VisibleItem[]> {
  const out: VisibleItem[] = [];
  const unique = [...new Set(skus)];
  for (let at = 0; at < unique.length; at += 500) {
    const rows = await db.all<Row>(sql`SELECT i.* FROM items i WHERE ${whereFor(ctx, { catalogId, skus: unique.slice(at, at + 500) })}`);
    out.push(...rows.map((r) => toVisibleItem(ctx, r)).filter((x): x is VisibleItem => x !== null));
  }
  return out;
}
