import type { PriceTier } from '#db/schema/catalogs.ts';

/** Throws unless `quantity` is a positive whole number of units. */
export function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive whole number, got ${quantity}`);
  }
}

/**
 * The quantity break that applies at `quantity`: the tier with the highest minQty that is
 * <= quantity, or undefined when none does. Tiers may come in any order.
 */
export function tierAt(tiers: readonly PriceTier[], quantity: number): PriceTier | undefined {
  let best: PriceTier | undefined;
  for (const tier of tiers) {
    if (tier.minQty <= quantity && (best === undefined || tier.minQty > best.minQty)) best = tier;
  }
  return best;
}

/**
 * The supplier's list unit price at `quantity`: the applicable tier's price, else the base
 * price. Percentage rules are applied to this tiered price, never to the base price.
 */
export function listUnitPrice(basePriceMinor: number, tiers: readonly PriceTier[], quantity: number): number {
  assertQuantity(quantity);
  return tierAt(tiers, quantity)?.priceMinor ?? basePriceMinor;
}
