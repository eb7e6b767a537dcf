import type { CompiledViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { buyerPriceBreaks } from '#features/visibility/price-breaks.ts';
import { changedFields, priceMovePercent, type DiffableItem } from '#features/ingest/revisions/diff-items.ts';
import { describeFieldChanges, type FieldChange } from '#features/ingest/revisions/field-values.ts';
import { formatMoney } from '#kernel/money/format-money.ts';

/** An item of a revision as far as "what changed" needs it: every field a supplier can change. */
export type ChangeItem = DiffableItem;

export type ChangeKind = 'new' | 'removed' | 'changed';

export interface BuyerChange {
  kind: ChangeKind; sku: string; name: string;
  /** The buyer's unit price (from 1 unit) then and now; null on the side where the item was not visible. */
  beforeMinor: number | null; afterMinor: number | null;
  /** Price move in percent, one decimal; null unless both prices exist, differ and the old one is not zero. */
  movePercent: number | null;
  /** For 'changed': the other fields that changed, old → new (quantity breaks at the buyer's prices). */
  fields: FieldChange[];
}

export interface ChangeSide { compiled: CompiledViews; at: Date; items: ReadonlyMap<string, ChangeItem> }

function priced(catalogId: number, currency: string, item: ChangeItem) {
  return { catalogId, sku: item.sku, categoryPath: item.categoryPath, priceMinor: item.priceMinor, tiers: item.tiers, currency };
}

function netAt(side: ChangeSide, catalogId: number, currency: string, item: ChangeItem | undefined): number | null {
  if (!item) return null;
  return priceItem(side.compiled, priced(catalogId, currency, item), 1, side.at)?.netMinor ?? null;
}

/** The buyer's breaks above 1 unit, in words: the supplier's list tiers are not theirs to see. */
function netBreaksText(side: ChangeSide, catalogId: number, currency: string, item: ChangeItem): string {
  const breaks = buyerPriceBreaks(side.compiled, priced(catalogId, currency, item), side.at).slice(1);
  return breaks.length ? breaks.map((b) => `from ${b.minQty.toLocaleString('en')}: ${formatMoney(b.netMinor, currency)}`).join('; ') : 'none';
}

// Shown as the buyer's own prices instead (net from 1 and net breaks).
const PRICE_FIELDS = new Set(['priceMinor', 'tiers']);

/**
 * What changed for one buyer in one catalog between two moments, at THEIR prices: each side is
 * the revision live then with the buyer's views in force then. An item is new when they see it
 * now and did not then (added by the supplier, or shown by a view change), removed in the
 * opposite case, and changed when they see it on both sides and its net price, its quantity
 * breaks at their prices or any other field differ. `skus` are the ones to compare.
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
    if (beforeMinor === null) { out.push({ kind: 'new', sku, name, beforeMinor, afterMinor, movePercent: null, fields: [] }); continue; }
    if (afterMinor === null) { out.push({ kind: 'removed', sku, name, beforeMinor, afterMinor, movePercent: null, fields: [] }); continue; }
    const fields = describeFieldChanges(old!, cur!, changedFields(old!, cur!).filter((f) => !PRICE_FIELDS.has(f)), currency);
    const breaksBefore = netBreaksText(before, catalogId, currency, old!);
    const breaksAfter = netBreaksText(after, catalogId, currency, cur!);
    if (breaksBefore !== breaksAfter) fields.push({ field: 'tiers', label: 'quantity breaks', before: breaksBefore, after: breaksAfter });
    if (beforeMinor === afterMinor && fields.length === 0) continue;
    const movePercent = beforeMinor === afterMinor ? null : priceMovePercent(beforeMinor, afterMinor);
    out.push({ kind: 'changed', sku, name, beforeMinor, afterMinor, movePercent, fields });
  }
  const order: Record<ChangeKind, number> = { new: 0, removed: 1, changed: 2 };
  return out.sort((a, b) => order[a.kind] - order[b.kind]
    || (a.kind === 'changed' ? Math.abs(b.movePercent ?? 0) - Math.abs(a.movePercent ?? 0) : 0)
    || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
