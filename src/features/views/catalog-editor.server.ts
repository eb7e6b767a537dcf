import type { Db } from '#db/client.ts';
import { categoryAncestors } from '#features/pricing/category-path.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { CatalogRules } from './canonical-rules.ts';
import { buildCategoryTree, selectionFromRules, type CategorySelection, type CategoryTree } from '#features/visibility/category-tree.ts';
import { fixedPriceWarning } from './fixed-price-file.server.ts';
import { categoryCounts, itemsBySku, searchItems, type LiveItemRef } from './live-items.server.ts';
import { findAttention, LiveRevisionLookup, type CatalogAttention } from './needs-attention.server.ts';
import { catalogRulesOf, type FixedPrice } from './rules-edit.ts';
import { catalogInfos, getCustomer, getView, type CatalogInfo, type ViewRow } from './view-records.server.ts';
import { ViewNotFound } from './view-problem.ts';

export interface SearchHit extends LiveItemRef {
  /** Whether this view shows the item, its net price under this view alone, and why. */
  shown: boolean;
  netMinor: number | null;
  why: string | null;
  rule: 'show' | 'hide' | null;
  fixed: boolean;
}

export interface CatalogEditor {
  view: ViewRow;
  customer: { id: number; name: string };
  catalog: CatalogInfo;
  rules: CatalogRules;
  tree: CategoryTree;
  selection: CategorySelection;
  /** Per category path: the percentage typed for it ('' for none) and what applies when empty. */
  percents: Map<string, { own: string; inherited: string }>;
  fixedPrices: Array<FixedPrice & { item: LiveItemRef | null; warning: string | null }>;
  skuRules: Array<{ sku: string; rule: 'show' | 'hide'; item: LiveItemRef | null }>;
  search: { query: string; hits: SearchHit[] };
  attention: CatalogAttention | null;
}

function inheritedPercent(path: string, rules: CatalogRules): string {
  for (const ancestor of categoryAncestors(path).slice(1)) {
    const rule = rules.categoryPercentOff?.find((r) => r.categoryPath === ancestor);
    if (rule) return `${rule.percentOff}% from ${ancestor}`;
  }
  return rules.percentOff === undefined ? 'list price' : `${rules.percentOff}% (catalog)`;
}

/** Everything the catalog rules page shows. Throws ViewNotFound unless the catalog is part of the view. */
export async function loadCatalogEditor(db: Db, viewId: number, catalogId: number, query: string): Promise<CatalogEditor> {
  const view = await getView(db, viewId);
  const rules = catalogRulesOf(view.draftRules, catalogId);
  const catalog = (await catalogInfos(db, [catalogId])).get(catalogId);
  if (!rules || !catalog) throw new ViewNotFound('catalog in this view');
  const customer = await getCustomer(db, view.customerOrgId);
  const live = catalog.liveRevisionId;
  const tree = buildCategoryTree(live ? await categoryCounts(db, live) : []);
  const percents = new Map(tree.nodes.map((n) => [n.path, {
    own: String(rules.categoryPercentOff?.find((r) => r.categoryPath === n.path)?.percentOff ?? ''),
    inherited: inheritedPercent(n.path, rules),
  }]));
  const skus = [...(rules.fixedPrices ?? []).map((f) => f.sku), ...(rules.includeSkus ?? []), ...(rules.excludeSkus ?? [])];
  const items = live ? await itemsBySku(db, live, skus) : new Map<string, LiveItemRef>();
  const compiled = compileViews([{ viewId, rules: { catalogs: [rules] }, validFrom: null, validUntil: null }]);
  const now = new Date();
  const hits = live ? await searchItems(db, live, query) : [];
  const [attention] = await findAttention({ catalogs: [rules] }, new Map([[catalogId, catalog]]), new LiveRevisionLookup(db));
  return {
    view, customer: { id: customer.id, name: customer.name }, catalog, rules, tree,
    selection: selectionFromRules(tree, rules),
    percents,
    fixedPrices: (rules.fixedPrices ?? []).map((f) => ({ ...f, item: items.get(f.sku) ?? null, warning: fixedPriceWarning(f, items.get(f.sku), catalog.currency) })),
    skuRules: [
      ...(rules.includeSkus ?? []).map((sku) => ({ sku, rule: 'show' as const, item: items.get(sku) ?? null })),
      ...(rules.excludeSkus ?? []).map((sku) => ({ sku, rule: 'hide' as const, item: items.get(sku) ?? null })),
    ],
    search: {
      query,
      hits: hits.map((hit) => {
        const price = priceItem(compiled, { ...hit, catalogId, currency: catalog.currency }, 1, now);
        const rule = rules.includeSkus?.includes(hit.sku) ? 'show' : rules.excludeSkus?.includes(hit.sku) ? 'hide' : null;
        return { ...hit, shown: price !== null, netMinor: price?.netMinor ?? null, why: price?.explanation ?? null, rule, fixed: rules.fixedPrices?.some((f) => f.sku === hit.sku) ?? false };
      }),
    },
    attention: attention ?? null,
  };
}
