import type { PriceTier } from '#db/schema/catalogs.ts';
import type { CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';

/** An item of a revision as far as "what changed" needs it. */
export interface ChangeItem { sku: string; name: string; categoryPath: string; priceMinor: number; tiers: PriceTier[] }

export type ChangeKind = 'new' | 'removed' | 'price';

export interface BuyerChange {
  kind: ChangeKind; sku: string; name: string;
  /** The buyer's unit price (from 1 unit) then and now; null on the side where the item was not visible. */
  beforeMinor: number | null; afterMinor: number | null;
  /** Price move in percent, one decimal; null unless both prices exist and the old one is not zero. */
  movePercent: number | null;
}

export interface ChangeSide { compiled: CompiledViews; at: Date; items: ReadonlyMap<string, ChangeItem> }

function netAt(side: ChangeSide, catalogId: number, currency: string, item: ChangeItem | undefined): number | null {
  if (!item) return null;
  return priceItem(side.compiled, { catalogId, sku: item.sku, categoryPath: item.categoryPath, priceMinor: item.priceMinor, tiers: item.tiers, currency }, 1, side.at)?.netMinor ?? null;
}

/**
 * What changed for one buyer in one catalog between two moments, at THEIR prices: each side is
 * the revision live then with the buyer's views in force then. An item is new when they see it
 * now and did not then (added by the supplier, or shown by a view change), removed in the
 * opposite case, and a price move when they see it on both sides at different net prices
 * (a new list price or a new discount alike). `skus` are the ones to compare.
 */
export function buyerChanges(catalogId: number, currency: string, before: ChangeSide, after: ChangeSide, skus: Iterable<string>): BuyerChange[] {
  const out: BuyerChange[] = [];
  for (const sku of new Set(skus)) {
    const old = before.items.get(sku);
    const cur = after.items.get(sku);
    const beforeMinor = netAt(before, catalogId, currency, old);
    const afterMinor = netAt(after, catalogId, currency, cur);
    const name = (cur ?? old)?.name ?? sku;
    if (beforeMinor === null && afterMinor === null) continue;
    if (beforeMinor === null) out.push({ kind: 'new', sku, name, beforeMinor, afterMinor, movePercent: null });
    else if (afterMinor === null) out.push({ kind: 'removed', sku, name, beforeMinor, afterMinor, movePercent: null });
    else if (beforeMinor !== afterMinor) {
      const movePercent = beforeMinor === 0 ? null : Math.round(((afterMinor - beforeMinor) * 1000) / beforeMinor) / 10;
      out.push({ kind: 'price', sku, name, beforeMinor, afterMinor, movePercent });
    }
  }
  const order: Record<ChangeKind, number> = { new: 0, removed: 1, price: 2 };
  return out.sort((a, b) => order[a.kind] - order[b.kind]
    || (a.kind === 'price' ? Math.abs(b.movePercent ?? 0) - Math.abs(a.movePercent ?? 0) : 0)
    || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
