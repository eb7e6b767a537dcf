import type { CompiledCatalogRules } from './compile-views.ts';
import { applyBasisPointsOff } from './rounding.ts';
import type { AppliedRule } from './types.ts';

export interface RuleOutcome {
  netMinor: number;
  rule: AppliedRule;
}

/**
 * The net unit price under one view's rules for a catalog. Precedence, first match wins:
 *   fixed price for the SKU (its own tier at this quantity, else its base fixed price)
 *   > deepest matching category rule > shallower category rules > catalog rule > list price.
 * A fixed price replaces the list price even when it is higher: it is what was agreed. A fixed
 * price that keeps the supplier's quantity breaks gives way, from a supplier break on
 * (`fromSupplierBreak`), to the price the other rules make of that break when it is lower.
 * Percentages apply to `listMinor`, the supplier's tiered list price at this quantity.
 */
export function applyViewRules(
  rules: CompiledCatalogRules,
  viewId: number,
  sku: string,
  ancestors: readonly string[],
  listMinor: number,
  quantity: number,
  fromSupplierBreak = false,
): RuleOutcome {
  const fixed = rules.fixedPrices.get(sku);
  if (fixed !== undefined) {
    const tier = fixed.tiersDesc.find((t) => t.minQty <= quantity);
    const agreed: RuleOutcome = tier !== undefined
      ? { netMinor: tier.priceMinor, rule: { kind: 'fixed-tier', viewId, minQty: tier.minQty } }
      : { netMinor: fixed.priceMinor, rule: { kind: 'fixed', viewId } };
    if (!fixed.keepBreaks || !fromSupplierBreak) return agreed;
    const fromBreak = withoutFixedPrice(rules, viewId, ancestors, listMinor);
    return fromBreak.netMinor < agreed.netMinor ? fromBreak : agreed;
  }
  return withoutFixedPrice(rules, viewId, ancestors, listMinor);
}

function withoutFixedPrice(rules: CompiledCatalogRules, viewId: number, ancestors: readonly string[], listMinor: number): RuleOutcome {
  for (const path of ancestors) {
    const category = rules.categoryRules.get(path);
    if (category !== undefined) {
      return {
        netMinor: applyBasisPointsOff(listMinor, category.basisPoints),
        rule: { kind: 'category', viewId, percentOff: category.percentOff, categoryPath: category.categoryPath },
      };
    }
  }
  if (rules.catalogRule !== null) {
    return {
      netMinor: applyBasisPointsOff(listMinor, rules.catalogRule.basisPoints),
      rule: { kind: 'catalog', viewId, percentOff: rules.catalogRule.percentOff },
    };
  }
  return { netMinor: listMinor, rule: { kind: 'list', viewId } };
}
