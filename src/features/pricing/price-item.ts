import { categoryAncestors } from './category-path.ts';
import type { CompiledViews } from './compile-views.ts';
import { explainRule } from './explain.ts';
import { applyViewRules, type RuleOutcome } from './rule-precedence.ts';
import { assertQuantity, tierAt } from './tiers.ts';
import type { NetPrice, PricedItemInput } from './types.ts';
import { instantOf } from './validity.ts';
import { visibleCatalogRules } from './visibility.ts';

function assertMinorUnits(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of minor units, got ${value}`);
  }
}

/**
 * The buyer's net unit price for `quantity` units at `now`, or null when none of the
 * buyer's views shows the item. Supplier tiers set the list price first, then each view's
 * rules (see applyViewRules). When several views show the item, the LOWEST net price wins;
 * on a tie, the view with the lowest id, so the explanation does not flicker.
 */
export function priceItem(compiled: CompiledViews, item: PricedItemInput, quantity: number, now: Date): NetPrice | null {
  assertQuantity(quantity);
  const nowMs = instantOf(now);
  assertMinorUnits(item.priceMinor, `price of SKU ${item.sku}`);
  const listTier = tierAt(item.tiers, quantity);
  const listMinor = listTier?.priceMinor ?? item.priceMinor;
  assertMinorUnits(listMinor, `tier price of SKU ${item.sku}`);
  const ancestors = categoryAncestors(item.categoryPath);

  let best: RuleOutcome | undefined;
  for (const view of compiled.views) {
    const rules = visibleCatalogRules(view, item, ancestors, nowMs);
    if (rules === undefined) continue;
    const outcome = applyViewRules(rules, view.viewId, item.sku, ancestors, listMinor, quantity, listTier !== undefined && listTier.minQty > 1);
    if (best === undefined || outcome.netMinor < best.netMinor) best = outcome; // strict: ties keep the earlier view
  }
  if (best === undefined) return null;

  const price: NetPrice = { netMinor: best.netMinor, listMinor, currency: item.currency, rule: best.rule, explanation: '' };
  if (listTier !== undefined) price.listTierMinQty = listTier.minQty;
  price.explanation = explainRule(best.rule, item.sku, usesListPrice(best) ? listTier?.minQty : undefined);
  return price;
}

function usesListPrice(outcome: RuleOutcome): boolean {
  return outcome.rule.kind !== 'fixed' && outcome.rule.kind !== 'fixed-tier';
}
