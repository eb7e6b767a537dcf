import { categoryAncestors } from './category-path.ts';
import { compileViews, type CompiledCatalogRules, type CompiledView, type CompiledViews } from './compile-views.ts';
import type { ItemRef, ViewVersionInput } from './types.ts';
import { instantOf, isInForce } from './validity.ts';

/**
 * Visibility of an item under one catalog's rules, strongest rule first:
 *   1. excludeSkus hides the SKU, whatever else says.
 *   2. includeSkus shows the SKU, even outside includeCategories or inside excludeCategories.
 *   3. excludeCategories hides whole subtrees (it wins over includeCategories at any depth).
 *   4. includeCategories, when non-empty, limits the catalog to those subtrees;
 *      when empty, the whole catalog is visible.
 * `ancestors` are the item's category path and its parents (see categoryAncestors).
 */
export function isVisibleInCatalog(rules: CompiledCatalogRules, sku: string, ancestors: readonly string[]): boolean {
  if (rules.excludeSkus.has(sku)) return false;
  if (rules.includeSkus.has(sku)) return true;
  if (ancestors.some((path) => rules.excludeCategories.has(path))) return false;
  if (rules.includeCategories.size === 0) return true;
  return ancestors.some((path) => rules.includeCategories.has(path));
}

/**
 * The catalog rules through which `view` shows the item at `nowMs`, or undefined when it
 * does not: the view is out of its validity window, does not include the item's catalog,
 * or its visibility rules hide the item.
 */
export function visibleCatalogRules(
  view: CompiledView,
  item: ItemRef,
  ancestors: readonly string[],
  nowMs: number,
): CompiledCatalogRules | undefined {
  if (!isInForce(view.validity, nowMs)) return undefined;
  const rules = view.catalogs.get(item.catalogId);
  if (rules === undefined || !isVisibleInCatalog(rules, item.sku, ancestors)) return undefined;
  return rules;
}

/** Whether any of the buyer's compiled views shows the item at `now` (a buyer sees the union). */
export function isVisible(compiled: CompiledViews, item: ItemRef, now: Date): boolean {
  const nowMs = instantOf(now);
  const ancestors = categoryAncestors(item.categoryPath);
  return compiled.views.some((view) => visibleCatalogRules(view, item, ancestors, nowMs) !== undefined);
}

/** Whether one view version shows the item at `now`. Compiles the version; for many items use compileViews + isVisible. */
export function isItemVisible(item: ItemRef, version: ViewVersionInput, now: Date): boolean {
  return isVisible(compileViews([version]), item, now);
}
