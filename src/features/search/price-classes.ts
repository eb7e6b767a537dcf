import type { PriceTier } from '#db/schema/catalogs.ts';
import { categoryAncestors } from '#features/pricing/category-path.ts';
import type { CompiledCatalogRules, CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { applyViewRules } from '#features/pricing/rule-precedence.ts';
import { applyBasisPointsOff } from '#features/pricing/rounding.ts';
import { isInForce } from '#features/pricing/validity.ts';
import { visibleCatalogRules } from '#features/pricing/visibility.ts';

/**
 * A buyer's views, cut into classes of items that share one pricing formula, so a search
 * engine can filter by visibility and compute net prices without calling the pricing module
 * per item. Every rule names either a SKU or a category path. So:
 *  - an item whose SKU some rule names is its own class, priced exactly by priceItem once;
 *  - any other item behaves like its deepest category path that some rule names (or like an
 *    uncategorized item when none is named): the rules never look at the other levels.
 * A path class is therefore "under P, not under any deeper named path, SKU not named", and its
 * net price is the list price minus the largest percentage of the views that show it (a lower
 * price wins across views, and a larger discount always gives the lower price).
 * A class that no view shows is left out: the classes ARE the buyer's visibility.
 */
export type ClassPrice = { kind: 'percent'; basisPoints: number } | { kind: 'constant'; netMinor: number };

export interface PriceClass {
  catalogId: number;
  revisionId: number;
  currency: string;
  /** Set for a class of one named SKU; then the category fields do not matter. */
  sku: string | null;
  /** SKUs named by rules: never part of a path class. */
  exceptSkus: readonly string[];
  /** The subtree of the class (null: the whole catalog). */
  underPath: string | null;
  /** Named subtrees below `underPath` that form classes of their own. */
  notUnder: readonly string[];
  price: ClassPrice;
}

export interface ScopeCatalogRef { id: number; revisionId: number; currency: string }

/** A live item whose SKU a rule names: priced exactly, once per search. */
export interface NamedItem { catalogId: number; sku: string; categoryPath: string; priceMinor: number; tiers: readonly PriceTier[] }

/** The catalog rules of each view in force at `nowMs` that includes the catalog. */
export function activeCatalogRules(compiled: CompiledViews, catalogId: number, nowMs: number): Array<{ viewId: number; rules: CompiledCatalogRules }> {
  return compiled.views.filter((v) => isInForce(v.validity, nowMs) && v.catalogs.has(catalogId)).map((v) => ({ viewId: v.viewId, rules: v.catalogs.get(catalogId)! }));
}

/** Every SKU any active rule of the catalog names. */
export function namedSkus(compiled: CompiledViews, catalogId: number, nowMs: number): string[] {
  const skus = new Set<string>();
  for (const { rules } of activeCatalogRules(compiled, catalogId, nowMs)) {
    for (const s of [...rules.fixedPrices.keys(), ...rules.includeSkus, ...rules.excludeSkus]) skus.add(s);
  }
  return [...skus].sort();
}

function namedPaths(active: ReturnType<typeof activeCatalogRules>): string[] {
  const paths = new Set<string>();
  for (const { rules } of active) {
    for (const p of [...rules.categoryRules.keys(), ...rules.includeCategories, ...rules.excludeCategories]) paths.add(p);
  }
  return [...paths].sort();
}

const isUnder = (path: string, parent: string) => path.startsWith(parent + ' > ');

/** The highest named paths strictly below `parent` (all top ones for null). */
function childClasses(parent: string | null, paths: readonly string[]): string[] {
  const below = paths.filter((p) => parent === null || isUnder(p, parent));
  return below.filter((p) => !below.some((q) => q !== p && isUnder(p, q)));
}

// Any SKU no rule names behaves the same; this one cannot be named (SKUs are trimmed text).
const UNNAMED_SKU = '\u0000';

/** The percentage the best view gives an unnamed item at `path`, or null when no view shows it. */
function pathBasisPoints(compiled: CompiledViews, catalogId: number, path: string, nowMs: number): number | null {
  const ancestors = categoryAncestors(path);
  let best: number | null = null;
  for (const view of compiled.views) {
    const rules = visibleCatalogRules(view, { catalogId, sku: UNNAMED_SKU, categoryPath: path }, ancestors, nowMs);
    if (rules === undefined) continue;
    const { rule } = applyViewRules(rules, view.viewId, UNNAMED_SKU, ancestors, 0, 1);
    const bp = rule.kind === 'category' ? rules.categoryRules.get(rule.categoryPath!)!.basisPoints
      : rule.kind === 'catalog' ? rules.catalogRule!.basisPoints : 0;
    if (best === null || bp > best) best = bp;
  }
  return best;
}

export function compilePriceClasses(compiled: CompiledViews, catalogs: readonly ScopeCatalogRef[], named: readonly NamedItem[], now: Date): PriceClass[] {
  const nowMs = now.getTime();
  const out: PriceClass[] = [];
  for (const catalog of catalogs) {
    const active = activeCatalogRules(compiled, catalog.id, nowMs);
    if (active.length === 0) continue;
    const exceptSkus = namedSkus(compiled, catalog.id, nowMs);
    const skuSet = new Set(exceptSkus);
    const base = { catalogId: catalog.id, revisionId: catalog.revisionId, currency: catalog.currency };
    for (const item of named) {
      if (item.catalogId !== catalog.id || !skuSet.has(item.sku)) continue;
      const price = priceItem(compiled, { ...item, currency: catalog.currency }, 1, now);
      if (price) out.push({ ...base, sku: item.sku, exceptSkus: [], underPath: null, notUnder: [], price: { kind: 'constant', netMinor: price.netMinor } });
    }
    const paths = namedPaths(active);
    for (const underPath of [null, ...paths]) {
      const bp = pathBasisPoints(compiled, catalog.id, underPath ?? '', nowMs);
      if (bp === null) continue;
      out.push({ ...base, sku: null, exceptSkus, underPath, notUnder: childClasses(underPath, paths), price: { kind: 'percent', basisPoints: bp } });
    }
  }
  return out;
}

/** Whether an item belongs to the class (the reference the SQL and Meilisearch filters must equal). */
export function inClass(c: PriceClass, item: { catalogId: number; revisionId: number; sku: string; categoryPath: string }): boolean {
  if (item.catalogId !== c.catalogId || item.revisionId !== c.revisionId) return false;
  if (c.sku !== null) return item.sku === c.sku;
  if (c.exceptSkus.includes(item.sku)) return false;
  const within = (p: string) => item.categoryPath === p || isUnder(item.categoryPath, p);
  if (c.underPath !== null && !within(c.underPath)) return false;
  return !c.notUnder.some(within);
}

export function netOfClass(c: PriceClass, listUnitMinor: number): number {
  return c.price.kind === 'constant' ? c.price.netMinor : applyBasisPointsOff(listUnitMinor, c.price.basisPoints);
}

/**
 * The list prices whose net price in this class lies in [loNet, hiNet) (hiNet null: no upper
 * bound), as an inclusive [lo, hi] range of list prices; null when none does. Inverts the
 * half-up rounding net = floor((list × keep + 5000) / 10000) exactly, so a price filter can be
 * sent to an engine that only knows list prices.
 */
export function listRangeFor(c: PriceClass, loNet: number, hiNet: number | null): { lo: number; hi: number | null } | 'all' | null {
  if (c.price.kind === 'constant') {
    const n = c.price.netMinor;
    return n >= loNet && (hiNet === null || n < hiNet) ? 'all' : null;
  }
  const keep = 10_000 - c.price.basisPoints;
  if (keep === 0) return loNet <= 0 && (hiNet === null || hiNet > 0) ? 'all' : null;
  const lo = Math.max(0, Math.ceil((loNet * 10_000 - 5_000) / keep));
  const hi = hiNet === null ? null : Math.floor((hiNet * 10_000 - 5_001) / keep);
  if (hi !== null && hi < lo) return null;
  return { lo, hi };
}
