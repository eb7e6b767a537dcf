import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import type { ViewVersionInput } from '#features/pricing/types.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { offLoop } from '#kernel/off-loop.ts';
import { browseContextOf, type BrowseContext, type LiveCatalog } from './browse-context.server.ts';
import { whereFor, type ItemQuery } from './visible-where.ts';

/** What ordering a listing by price needs, as it crosses to the process that does heavy work. */
export interface PriceOrderInput {
  customerOrgId: number;
  versions: readonly ViewVersionInput[];
  atMs: number;
  preview: boolean;
  catalogs: LiveCatalog[];
  query: Pick<ItemQuery, 'catalogId' | 'categoryPath' | 'skus'>;
}

/**
 * The ids of every item of the query the buyer may see, by net unit price (then SKU). Only
 * pricing knows the net price, so every matching item is read and priced: for the root of a
 * 100,000-item catalog that took a serving process 1.5 s, all of it one turn of its loop.
 */
export function priceOrderHere(db: Db, input: PriceOrderInput): Promise<number[]> {
  const scope = { customerOrgId: input.customerOrgId, versions: input.versions, at: new Date(input.atMs), preview: input.preview };
  return priceOrderOf(db, browseContextOf(scope, new Map(input.catalogs.map((c) => [c.id, c]))), input.query);
}

async function priceOrderOf(db: Db, ctx: BrowseContext, query: PriceOrderInput['query']): Promise<number[]> {
  const keys = await db.all<{ id: number; revision_id: number; sku: string; category_path: string; price_minor: number; tiers: string }>(
    sql`SELECT i.id, i.revision_id, i.sku, i.category_path, i.price_minor, i.tiers FROM items i WHERE ${whereFor(ctx, query)}`);
  const now = new Date(ctx.nowMs);
  const keyed: Array<{ id: number; sku: string; net: number }> = [];
  for (const r of keys) {
    const catalog = ctx.catalogOfRevision.get(r.revision_id);
    if (!catalog) continue;
    const net = priceItem(ctx.compiled, { catalogId: catalog.id, sku: r.sku, categoryPath: r.category_path, priceMinor: r.price_minor, tiers: JSON.parse(r.tiers) as PriceTier[], currency: catalog.currency }, 1, now)?.netMinor;
    if (net !== undefined && net !== null) keyed.push({ id: r.id, sku: r.sku, net });
  }
  keyed.sort((a, b) => a.net - b.net || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return keyed.map((k) => k.id);
}

/**
 * Listings up to this many items are ordered here: about 6 µs an item, 3 ms at most.
 * Handed over, a leaf category's hundred items waited behind the jobs process's other work (an
 * upload being read, a publish) for up to 2.4 s under the load bench.
 */
export const PRICE_ORDER_HERE_UP_TO = 500;

/** The same, worked out where heavy work runs (the jobs process when the server runs as several) when the listing is long. */
export function priceOrder(db: Db, ctx: BrowseContext, q: ItemQuery, total: number): Promise<number[]> {
  const query = { catalogId: q.catalogId, categoryPath: q.categoryPath, skus: q.skus };
  if (total <= PRICE_ORDER_HERE_UP_TO) return priceOrderOf(db, ctx, query);
  const { scope } = ctx;
  const input: PriceOrderInput = { customerOrgId: scope.customerOrgId, versions: scope.versions, atMs: ctx.nowMs, preview: scope.preview, catalogs: [...ctx.catalogs.values()], query };
  return offLoop('browse.price-order', input, (i) => priceOrderHere(db, i));
}
