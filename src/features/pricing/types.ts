import type { PriceTier } from '#db/schema/catalogs.ts';
import type { ViewRules } from '#db/schema/views.ts';

/** One published version of a customer view, as resolved for a buyer (a `view_versions` row fits). */
export interface ViewVersionInput {
  viewId: number;
  rules: ViewRules;
  /** ISO 8601; inclusive. null: no start. */
  validFrom: string | null;
  /** ISO 8601; exclusive. null: no end. */
  validUntil: string | null;
}

/** What visibility needs to know about an item. */
export interface ItemRef {
  catalogId: number;
  sku: string;
  /** Levels joined with " > "; '' for an uncategorized item. */
  categoryPath: string;
}

/** What pricing needs to know about an item. Prices in integer minor units of `currency`. */
export interface PricedItemInput extends ItemRef {
  priceMinor: number;
  tiers: readonly PriceTier[];
  currency: string;
}

export type PriceRuleKind = 'catalog' | 'category' | 'fixed' | 'fixed-tier' | 'list';

/** The rule that produced a net price, for the "why this price" preview. */
export interface AppliedRule {
  kind: PriceRuleKind;
  /** For 'catalog' and 'category': the percentage as written, e.g. 12.5. */
  percentOff?: number;
  /** For 'category': the (normalized) path of the rule that matched. */
  categoryPath?: string;
  /** The view the price came from. */
  viewId?: number;
  /** For 'fixed-tier': the quantity break of the fixed price that applied. */
  minQty?: number;
}

export interface NetPrice {
  /** Net unit price the buyer pays, in minor units. */
  netMinor: number;
  /** Supplier's list unit price at this quantity (supplier tiers applied), in minor units. */
  listMinor: number;
  currency: string;
  rule: AppliedRule;
  /** When a supplier quantity break set the list price: its minQty. */
  listTierMinQty?: number;
  /** Human words, e.g. "12% off Tools > Drills (category rule)". */
  explanation: string;
}
