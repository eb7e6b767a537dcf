import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can } from '#features/auth/authorize.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { variantUrl } from '#features/media/media-paths.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext, type BrowseContext, type LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { findVisibleItems } from '#features/visibility/find-visible-items.server.ts';
import { loadImages } from './images.server.ts';
import type { ImageInfo } from './image-sources.ts';
import { countVisibleItems, getVisibleItem, visibleCategoryCounts, type VisibleItem } from '#features/visibility/visible-items.server.ts';

// The buyer's resolved catalog as JSON (/api/v1/catalog…): the same scoped queries as the
// buyer pages, so an ERP sees exactly the items and net prices the buyer sees in the browser.

const money = (minor: number, currency: string) => ({ amountMinor: minor, currency, amount: formatMinor(minor, currency) });

function catalogJson(c: LiveCatalog, itemCount?: number) {
  return {
    slug: c.slug, name: c.name, supplier: c.supplierName, currency: c.currency,
    revision: { id: c.revisionId, publishedAt: c.publishedAt },
    ...(itemCount === undefined ? {} : { itemCount }),
    links: { self: `/api/v1/catalog/${encodeURIComponent(c.slug)}`, items: `/api/v1/catalog/${encodeURIComponent(c.slug)}/items` },
  };
}

function itemJson(item: VisibleItem, images: ReadonlyMap<string, ImageInfo>) {
  const currency = item.catalog.currency;
  const rule = item.price.rule;
  return {
    sku: item.sku, name: item.name, description: item.description, category: item.categoryPath, unit: item.unit,
    minOrderQty: item.minOrderQty, gtin: item.gtin, manufacturer: item.manufacturer, mpn: item.mpn, attributes: item.attributes,
    listPrice: money(item.listPriceMinor, currency),
    netPrice: money(item.price.netMinor, currency),
    priceRule: { kind: rule.kind, ...(rule.percentOff === undefined ? {} : { percentOff: rule.percentOff }), ...(rule.categoryPath === undefined ? {} : { categoryPath: rule.categoryPath }), explanation: item.price.explanation },
    quantityBreaks: item.netTiers.map((t) => ({ minQty: t.minQty, netPrice: money(t.netMinor, currency), listPrice: money(item.tiers.find((x) => x.minQty === t.minQty)?.priceMinor ?? item.listPriceMinor, currency) })),
    images: item.images.flatMap((hash) => {
      const info = images.get(hash);
      return info ? [{ hash, width: info.width, height: info.height, variants: info.variants.map((w) => ({ width: w, url: variantUrl(hash, w) })) }] : [];
    }),
  };
}

/** The signed-in buyer's scope as a browse context, or null for anyone else (the endpoint answers 404). */
export async function openBuyerApiContext(db: Db, user: SessionUser, now: Date): Promise<BrowseContext | null> {
  if (!can(user, { do: 'browse-catalogs' })) return null;
  return openBrowseContext(db, await resolveBuyerScope(db, user.orgId, now));
}

export async function catalogsJson(db: Db, ctx: BrowseContext) {
  const counts = await countVisibleItems(db, ctx);
  const catalogs = [...ctx.catalogs.values()].sort((a, b) => a.name.localeCompare(b.name)).map((c) => catalogJson(c, counts.get(c.id) ?? 0));
  return catalogs.length > 0
    ? { catalogs }
    : { catalogs, message: 'Your organization has no catalog to see yet. Ask your account manager to publish a customer view for you.' };
}

const catalogOf = (ctx: BrowseContext, slug: string) => [...ctx.catalogs.values()].find((c) => c.slug === slug) ?? null;

/** A catalog with its categories (items per category path), or null when the buyer may not see it. */
export async function catalogJsonBySlug(db: Db, ctx: BrowseContext, slug: string) {
  const catalog = catalogOf(ctx, slug);
  if (!catalog) return null;
  const categories = await visibleCategoryCounts(db, ctx, catalog.id);
  return { catalog: catalogJson(catalog, categories.reduce((n, c) => n + c.count, 0)), categories: categories.map((c) => ({ path: c.path, itemCount: c.count })) };
}

export interface ItemsQuery { page: number; pageSize: number; text?: string }

/** One page of a catalog's items at the buyer's net prices, or null when the buyer may not see the catalog. */
export async function itemsJson(db: Db, ctx: BrowseContext, slug: string, q: ItemsQuery) {
  const catalog = catalogOf(ctx, slug);
  if (!catalog) return null;
  const found = await findVisibleItems(db, ctx, { catalogId: catalog.id, text: q.text, page: q.page, pageSize: q.pageSize });
  const images = await loadImages(db, found.items.flatMap((i) => i.images));
  const pages = Math.ceil(found.total / found.pageSize);
  const link = (page: number) => `/api/v1/catalog/${encodeURIComponent(slug)}/items?page=${page}&pageSize=${found.pageSize}${q.text ? `&q=${encodeURIComponent(q.text)}` : ''}`;
  return {
    catalog: catalogJson(catalog),
    page: found.page, pageSize: found.pageSize, total: found.total, pages,
    links: { self: link(found.page), ...(found.page < pages ? { next: link(found.page + 1) } : {}), ...(found.page > 1 ? { prev: link(found.page - 1) } : {}) },
    items: found.items.map((i) => itemJson(i, images)),
  };
}

/** One item at the buyer's prices, or null when the buyer may not see it. */
export async function itemJsonBySku(db: Db, ctx: BrowseContext, slug: string, sku: string) {
  const item = await getVisibleItem(db, ctx, slug, sku);
  if (!item) return null;
  return { catalog: catalogJson(item.catalog), item: itemJson(item, await loadImages(db, item.images)) };
}
