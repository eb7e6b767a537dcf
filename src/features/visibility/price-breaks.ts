import type { CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { AppliedRule, PricedItemInput } from '#features/pricing/types.ts';

/** A quantity from which the buyer's unit price changes, at their prices. */
export interface PriceBreak {
  minQty: number; netMinor: number; listMinor: number;
  /** The rule that set this price, and the supplier break under it (for "why this price"). */
  rule: AppliedRule; listTierMinQty?: number;
}

/**
 * The buyer's quantity breaks: the quantities where their net unit price changes. Candidates
 * are the supplier's tiers and the tiers of fixed prices sales agreed for this SKU; each is
 * priced by the pricing module, and a candidate that does not change the price is left out
 * (a supplier tier under a fixed price, for instance). The first entry is the price from 1.
 */
export function buyerPriceBreaks(compiled: CompiledViews, item: PricedItemInput, now: Date): PriceBreak[] {
  const quantities = new Set<number>([1, ...item.tiers.map((t) => t.minQty)]);
  for (const view of compiled.views) {
    const fixed = view.catalogs.get(item.catalogId)?.fixedPrices.get(item.sku);
    for (const tier of fixed?.tiersDesc ?? []) quantities.add(tier.minQty);
  }
  const breaks: PriceBreak[] = [];
  for (const minQty of [...quantities].filter((q) => Number.isSafeInteger(q) && q >= 1).sort((a, b) => a - b)) {
    const price = priceItem(compiled, item, minQty, now);
    if (!price) return breaks;
    const last = breaks[breaks.length - 1];
    if (!last || last.netMinor !== price.netMinor) breaks.push({ minQty, netMinor: price.netMinor, listMinor: price.listMinor, rule: price.rule, listTierMinQty: price.listTierMinQty });
  }
  return breaks;
}
