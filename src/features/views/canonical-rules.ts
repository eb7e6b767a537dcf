import type { ViewRules } from '#db/schema/views.ts';

export type CatalogRules = ViewRules['catalogs'][number];

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedSet = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort(byText);

/**
 * One catalog's rules in a fixed shape: empty lists and absent rules dropped, lists sorted.
 * Drafts are stored in this shape, so "does the draft differ from what is published" is a
 * plain comparison and the stored JSON does not change when nothing meaningful did.
 */
export function canonicalCatalogRules(rules: CatalogRules): CatalogRules {
  const out: CatalogRules = { catalogId: rules.catalogId };
  if (rules.percentOff !== undefined) out.percentOff = rules.percentOff;
  const lists = {
    includeCategories: sortedSet(rules.includeCategories),
    excludeCategories: sortedSet(rules.excludeCategories),
    includeSkus: sortedSet(rules.includeSkus),
    excludeSkus: sortedSet(rules.excludeSkus),
  };
  for (const [key, values] of Object.entries(lists) as Array<[keyof typeof lists, string[]]>) {
    if (values.length > 0) out[key] = values;
  }
  const categoryPercentOff = [...(rules.categoryPercentOff ?? [])].sort((a, b) => byText(a.categoryPath, b.categoryPath));
  if (categoryPercentOff.length > 0) out.categoryPercentOff = categoryPercentOff.map((r) => ({ categoryPath: r.categoryPath, percentOff: r.percentOff }));
  const fixedPrices = [...(rules.fixedPrices ?? [])].sort((a, b) => byText(a.sku, b.sku));
  if (fixedPrices.length > 0) {
    out.fixedPrices = fixedPrices.map((f) => {
      const tiers = [...(f.tiers ?? [])].sort((a, b) => a.minQty - b.minQty).map((t) => ({ minQty: t.minQty, priceMinor: t.priceMinor }));
      const base = tiers.length > 0 ? { sku: f.sku, priceMinor: f.priceMinor, tiers } : { sku: f.sku, priceMinor: f.priceMinor };
      return f.keepBreaks ? { ...base, keepBreaks: true } : base;
    });
  }
  return out;
}

/** The whole rule set in its canonical shape; catalogs keep the order sales added them in. */
export function canonicalRules(rules: ViewRules): ViewRules {
  return { catalogs: rules.catalogs.map(canonicalCatalogRules) };
}

/** Whether two rule sets mean the same (compared in canonical shape). */
export function sameRules(a: ViewRules, b: ViewRules): boolean {
  return JSON.stringify(canonicalRules(a)) === JSON.stringify(canonicalRules(b));
}

/** How many rules a catalog entry holds, for lists and summaries ("12 rules"). */
export function countCatalogRules(rules: CatalogRules): number {
  return (rules.percentOff === undefined ? 0 : 1)
    + (rules.includeCategories?.length ?? 0) + (rules.excludeCategories?.length ?? 0)
    + (rules.includeSkus?.length ?? 0) + (rules.excludeSkus?.length ?? 0)
    + (rules.categoryPercentOff?.length ?? 0) + (rules.fixedPrices?.length ?? 0);
}
