import type { ViewRules } from '#db/schema/views.ts';
import { canonicalCatalogRules, type CatalogRules } from './canonical-rules.ts';
import { ViewNotFound, ViewProblem } from './view-problem.ts';

// Pure edits of a view's rules. Each returns new rules in canonical shape; the caller stores
// them as the draft after compileViews has accepted them.

export type FixedPrice = NonNullable<CatalogRules['fixedPrices']>[number];
export type SkuVisibility = 'show' | 'hide' | 'default';

export function catalogRulesOf(rules: ViewRules, catalogId: number): CatalogRules | undefined {
  return rules.catalogs.find((c) => c.catalogId === catalogId);
}

/** Applies `update` to one catalog's rules; the catalog must already be part of the view. */
export function updateCatalogRules(rules: ViewRules, catalogId: number, update: (c: CatalogRules) => CatalogRules): ViewRules {
  if (!catalogRulesOf(rules, catalogId)) throw new ViewNotFound(`catalog ${catalogId} in this view`);
  return { catalogs: rules.catalogs.map((c) => (c.catalogId === catalogId ? canonicalCatalogRules(update(c)) : c)) };
}

export function addCatalog(rules: ViewRules, catalogId: number, percentOff: number | undefined, catalogName: string): ViewRules {
  if (catalogRulesOf(rules, catalogId)) throw new ViewProblem(`“${catalogName}” is already part of this view.`, 'catalogId');
  const entry: CatalogRules = percentOff === undefined ? { catalogId } : { catalogId, percentOff };
  return { catalogs: [...rules.catalogs, entry] };
}

export function removeCatalog(rules: ViewRules, catalogId: number): ViewRules {
  if (!catalogRulesOf(rules, catalogId)) throw new ViewNotFound(`catalog ${catalogId} in this view`);
  return { catalogs: rules.catalogs.filter((c) => c.catalogId !== catalogId) };
}

/** Always show, always hide, or let the category rules decide for one SKU (the two lists never both hold it). */
export function setSkuVisibility(c: CatalogRules, sku: string, visibility: SkuVisibility): CatalogRules {
  const includeSkus = (c.includeSkus ?? []).filter((s) => s !== sku);
  const excludeSkus = (c.excludeSkus ?? []).filter((s) => s !== sku);
  if (visibility === 'show') includeSkus.push(sku);
  if (visibility === 'hide') excludeSkus.push(sku);
  return { ...c, includeSkus, excludeSkus };
}

/** Adds or replaces the fixed net price of a SKU. */
export function setFixedPrice(c: CatalogRules, fixed: FixedPrice): CatalogRules {
  return { ...c, fixedPrices: [...(c.fixedPrices ?? []).filter((f) => f.sku !== fixed.sku), fixed] };
}

export function removeFixedPrice(c: CatalogRules, sku: string): CatalogRules {
  return { ...c, fixedPrices: (c.fixedPrices ?? []).filter((f) => f.sku !== sku) };
}

/** Fixed prices from an upload: added to (and replacing) the existing ones, or replacing them all. */
export function applyFixedPrices(c: CatalogRules, prices: readonly FixedPrice[], mode: 'merge' | 'replace'): CatalogRules {
  const uploaded = new Set(prices.map((p) => p.sku));
  const kept = mode === 'replace' ? [] : (c.fixedPrices ?? []).filter((f) => !uploaded.has(f.sku));
  return { ...c, fixedPrices: [...kept, ...prices] };
}

/** Drops rules that name categories or SKUs missing from the live revision (see needs-attention). */
export function removeRulesFor(c: CatalogRules, stale: { categories: readonly string[]; skus: readonly string[] }): CatalogRules {
  const categories = new Set(stale.categories);
  const skus = new Set(stale.skus);
  return {
    ...c,
    includeCategories: c.includeCategories?.filter((p) => !categories.has(p)),
    excludeCategories: c.excludeCategories?.filter((p) => !categories.has(p)),
    categoryPercentOff: c.categoryPercentOff?.filter((r) => !categories.has(r.categoryPath)),
    includeSkus: c.includeSkus?.filter((s) => !skus.has(s)),
    excludeSkus: c.excludeSkus?.filter((s) => !skus.has(s)),
    fixedPrices: c.fixedPrices?.filter((f) => !skus.has(f.sku)),
  };
}
