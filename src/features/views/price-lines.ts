import type { CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { NetPrice, PricedItemInput } from '#features/pricing/types.ts';

export interface PriceLine {
  /** 1 for the unit price, else the quantity a break starts from. */
  quantity: number;
  listMinor: number;
  netMinor: number;
  /** "Why this price", with the name of the view it came from. */
  why: string;
}

/** "12% off Indoor > Downlights (category rule), view “Globex 2027”". */
export function whyWithView(price: NetPrice, viewNames: ReadonlyMap<number, string>): string {
  const name = price.rule.viewId === undefined ? undefined : viewNames.get(price.rule.viewId);
  return name === undefined ? price.explanation : `${price.explanation}, view “${name}”`;
}

/**
 * An item's price at 1 unit and at every quantity break (the supplier's and the fixed-price
 * overrides of the buyer's views), each with the rule that set it; [] when no view shows it.
 */
export function priceLines(compiled: CompiledViews, item: PricedItemInput, now: Date, viewNames: ReadonlyMap<number, string>): PriceLine[] {
  const quantities = new Set<number>([1, ...item.tiers.map((t) => t.minQty)]);
  for (const view of compiled.views) {
    for (const tier of view.catalogs.get(item.catalogId)?.fixedPrices.get(item.sku)?.tiersDesc ?? []) quantities.add(tier.minQty);
  }
  const lines: PriceLine[] = [];
  for (const quantity of [...quantities].sort((a, b) => a - b)) {
    const price = priceItem(compiled, item, quantity, now);
    if (!price) return [];
    lines.push({ quantity, listMinor: price.listMinor, netMinor: price.netMinor, why: whyWithView(price, viewNames) });
  }
  return lines;
}
