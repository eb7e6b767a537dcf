import type { AppliedRule } from './types.ts';

function units(minQty: number): string {
  return minQty === 1 ? '1 unit or more' : `${minQty} or more units`;
}

/**
 * "Why this price", in the words sales reads in the customer preview, e.g.
 * "12% off Tools > Drills (category rule)". `listTierMinQty` is the supplier quantity
 * break that set the list price, if any; it matters only when the list price was used.
 * The view is not named here (only its id is known); the preview adds the view's name.
 */
export function explainRule(rule: AppliedRule, sku: string, listTierMinQty?: number): string {
  const onTier = listTierMinQty === undefined ? '' : `, applied to the supplier's price for ${units(listTierMinQty)}`;
  switch (rule.kind) {
    case 'fixed':
      return `Fixed net price for SKU ${sku} (fixed price)`;
    case 'fixed-tier':
      return `Fixed net price for ${units(rule.minQty ?? 1)} of SKU ${sku} (fixed price tier)`;
    case 'category':
      return `${rule.percentOff ?? 0}% off ${rule.categoryPath ?? ''} (category rule)${onTier}`;
    case 'catalog':
      return `${rule.percentOff ?? 0}% off the whole catalog (catalog rule)${onTier}`;
    case 'list':
      return listTierMinQty === undefined
        ? 'List price (no pricing rule applies)'
        : `Supplier's price for ${units(listTierMinQty)} (quantity break; no pricing rule applies)`;
  }
}
