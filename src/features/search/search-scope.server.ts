import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { compilePriceClasses, namedSkus, type NamedItem } from './price-classes.ts';
import type { ScopeCatalog, SearchScope } from './search-port.ts';

/** A catalog of the scope with what the page shows about it. */
export interface ScopeCatalogInfo extends ScopeCatalog { slug: string; name: string; supplierName: string; supplierSlug: string }

export interface BuyerSearchScope { scope: SearchScope; catalogs: ScopeCatalogInfo[] }

/**
 * The search scope of a buyer: the live catalogs their views reach and the price classes of
 * those views. Items whose SKU a rule names are read here (a handful) to be priced exactly.
 */
export async function buildSearchScope(db: Db, ctx: BrowseContext): Promise<BuyerSearchScope> {
  const ids = [...ctx.catalogs.keys()];
  if (ids.length === 0) return { scope: { catalogs: [], classes: [] }, catalogs: [] };
  const rows = await db.all<{ id: number; slug: string; name: string; currency: string; supplier_org_id: number; supplier_name: string; supplier_slug: string }>(sql`
    SELECT c.id, c.slug, c.name, c.currency, c.supplier_org_id, o.name AS supplier_name, o.slug AS supplier_slug
    FROM catalogs c JOIN organizations o ON o.id = c.supplier_org_id WHERE c.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const catalogs: ScopeCatalogInfo[] = rows.flatMap((r) => {
    const live = ctx.catalogs.get(r.id);
    return live ? [{ id: r.id, revisionId: live.revisionId, supplierOrgId: r.supplier_org_id, currency: r.currency, slug: r.slug, name: r.name, supplierName: r.supplier_name, supplierSlug: r.supplier_slug }] : [];
  }).sort((a, b) => a.name.localeCompare(b.name));
  const named: NamedItem[] = [];
  for (const c of catalogs) {
    const skus = namedSkus(ctx.compiled, c.id, ctx.nowMs);
    if (skus.length === 0) continue;
    const items = await db.all<{ sku: string; category_path: string; price_minor: number; tiers: string }>(sql`
      SELECT sku, category_path, price_minor, tiers FROM items WHERE revision_id = ${c.revisionId} AND sku IN (${sql.join(skus.map((s) => sql`${s}`), sql`, `)})`);
    for (const i of items) named.push({ catalogId: c.id, sku: i.sku, categoryPath: i.category_path, priceMinor: i.price_minor, tiers: JSON.parse(i.tiers) as PriceTier[] });
  }
  const classes = compilePriceClasses(ctx.compiled, catalogs, named, new Date(ctx.nowMs));
  const reached = new Set(classes.map((c) => c.catalogId));
  return { scope: { catalogs: catalogs.filter((c) => reached.has(c.id)), classes }, catalogs: catalogs.filter((c) => reached.has(c.id)) };
}
