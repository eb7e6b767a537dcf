import type { Db } from '#db/client.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { trailOf, type LinkedCategory } from './category-links.ts';
import { getVisibleItem, listVisibleItems, type VisibleItem } from '#features/visibility/visible-items.server.ts';
import { categoryTreeOf } from './category-tree.server.ts';
import { buyerPriceBreaks, type PriceBreak } from '#features/visibility/price-breaks.ts';
import { loadImages } from './images.server.ts';
import { agreementNames } from '#features/visibility/agreement-names.server.ts';
import { explainPriceForBuyer } from '#features/pricing/explain-for-buyer.ts';
import type { AppliedRule } from '#features/pricing/types.ts';
import type { ImageInfo } from './image-sources.ts';

export const RELATED_COUNT = 8;

export interface ProductPage {
  item: VisibleItem;
  trail: LinkedCategory[];
  /** From 1 unit, then each quantity where the buyer's unit price changes, each with why, in the buyer's words. */
  breaks: Array<PriceBreak & { why: string }>;
  /** Why the buyer pays their price from 1 unit, in their words. */
  why: string;
  related: VisibleItem[];
  images: Map<string, ImageInfo>;
  title: string;
}

/** A product page at the buyer's prices, or null (404) when the buyer may not see the item. */
export async function loadProductPage(db: Db, request: BrowseRequest, catalog: LiveCatalog, sku: string): Promise<ProductPage | null> {
  const ctx = request.context();
  const item = await getVisibleItem(db, ctx, catalog.slug, sku);
  if (!item) return null;
  const tree = await categoryTreeOf(db, request, catalog);
  const category = tree.byPath.get(item.categoryPath);
  const neighbours = item.categoryPath
    ? (await listVisibleItems(db, ctx, { catalogId: catalog.id, categoryPath: item.categoryPath, sort: 'name', pageSize: RELATED_COUNT + 1 })).items
    : [];
  const related = neighbours.filter((n) => n.sku !== item.sku).slice(0, RELATED_COUNT);
  const names = await agreementNames(db, ctx);
  const why = (rule: AppliedRule, listTierMinQty: number | undefined) =>
    explainPriceForBuyer(rule, listTierMinQty, { catalogName: catalog.name, agreementName: rule.viewId === undefined ? null : names.get(rule.viewId) ?? null });
  const ref = { catalogId: catalog.id, sku: item.sku, categoryPath: item.categoryPath, priceMinor: item.listPriceMinor, tiers: item.tiers, currency: catalog.currency };
  return {
    item,
    trail: category ? trailOf(tree, category) : [],
    breaks: buyerPriceBreaks(ctx.compiled, ref, new Date(ctx.nowMs)).map((b) => ({ ...b, why: why(b.rule, b.listTierMinQty) })),
    why: why(item.price.rule, item.price.listTierMinQty),
    related,
    images: await loadImages(db, [...item.images, ...related.flatMap((r) => r.images.slice(0, 1))]),
    title: `${item.name} (${item.sku})`,
  };
}
