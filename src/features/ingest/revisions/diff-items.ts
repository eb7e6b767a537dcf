import type { PriceTier } from '#db/schema/catalogs.ts';

/** The fields of an item a supplier can change between revisions. */
export interface DiffableItem {
  sku: string; name: string; description: string; categoryPath: string; unit: string; priceMinor: number;
  tiers: PriceTier[]; minOrderQty: number; gtin: string | null; manufacturer: string | null; mpn: string | null;
  attributes: Record<string, string>; images: string[];
}

export const DIFF_FIELDS = ['name', 'description', 'categoryPath', 'unit', 'priceMinor', 'tiers', 'minOrderQty', 'gtin', 'manufacturer', 'mpn', 'attributes', 'images'] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

function canonical(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))));
  }
  return JSON.stringify(v ?? null);
}

/** Which fields differ between two versions of the same SKU. */
export function changedFields(before: DiffableItem, after: DiffableItem): DiffField[] {
  return DIFF_FIELDS.filter((f) => canonical(before[f]) !== canonical(after[f]));
}

/**
 * Price move in percent, one decimal, from the old to the new list price; null when the old
 * price was zero (no meaningful ratio).
 */
export function priceMovePercent(beforeMinor: number, afterMinor: number): number | null {
  if (beforeMinor === 0) return null;
  return Math.round(((afterMinor - beforeMinor) * 1000) / beforeMinor) / 10;
}
