import type { CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { PricedItemInput } from '#features/pricing/types.ts';

/** A quantity at which the customer would pay more once the draft is published. */
export interface RiseAt { quantity: number; beforeMinor: number; afterMinor: number }

/**
 * The quantities at which an item the customer sees now gets dearer under `after`: at 1 unit
 * and at every quantity break of either side (the supplier's and the fixed prices' of any view),
 * so a fixed price that replaces a lower supplier break shows up. [] when nothing goes up, or
 * when the customer does not see the item on both sides.
 */
export function priceRises(before: CompiledViews, after: CompiledViews, item: PricedItemInput, now: Date): RiseAt[] {
  const quantities = new Set<number>([1, ...item.tiers.map((t) => t.minQty)]);
  for (const compiled of [before, after]) {
    for (const view of compiled.views) {
      for (const tier of view.catalogs.get(item.catalogId)?.fixedPrices.get(item.sku)?.tiersDesc ?? []) quantities.add(tier.minQty);
    }
  }
  const rises: RiseAt[] = [];
  for (const quantity of [...quantities].sort((a, b) => a - b)) {
    const was = priceItem(before, item, quantity, now);
    const will = priceItem(after, item, quantity, now);
    if (!was || !will) return [];
    if (will.netMinor > was.netMinor) rises.push({ quantity, beforeMinor: was.netMinor, afterMinor: will.netMinor });
  }
  return rises;
}
