import type { PriceTier } from '#db/schema/catalogs.ts';
import { categoryAncestors } from '#features/pricing/category-path.ts';
import { listUnitPrice } from '#features/pricing/tiers.ts';
import { compactCode } from './normalize-text.ts';
import { naturalSortKey } from '#kernel/natural-sort-key.ts';
import { stripMarkers } from './highlight.ts';

/**
 * What either engine stores for one item of a catalog's live revision. Prices are the supplier's
 * list price for one unit; the buyer's net price is computed at query time from their views.
 */
export interface SearchDocument {
  itemId: number;
  catalogId: number;
  revisionId: number;
  supplierOrgId: number;
  sku: string;
  name: string;
  /** The name folded (no case, no accents) with numbers by value (kernel/natural-sort-key.ts): both engines sort by it. */
  nameSort: string;
  description: string;
  categoryPath: string;
  /** The path and each of its parents, deepest last: filters "this category and below". */
  categoryAncestors: string[];
  manufacturer: string | null;
  gtin: string | null;
  mpn: string | null;
  /** SKU, GTIN and MPN without separators, for exact code lookups. */
  codes: string[];
  listUnitMinor: number;
  currency: string;
}

export interface ItemForIndex {
  id: number; revisionId: number; sku: string; name: string; description: string; categoryPath: string;
  priceMinor: number; tiers: readonly PriceTier[]; gtin: string | null; manufacturer: string | null; mpn: string | null;
}

export interface CatalogForIndex { id: number; supplierOrgId: number; currency: string }

export function toSearchDocument(item: ItemForIndex, catalog: CatalogForIndex): SearchDocument {
  const codes = [...new Set([item.sku, item.gtin, item.mpn].filter((c): c is string => !!c).map(compactCode).filter((c) => c !== ''))];
  const manufacturer = item.manufacturer?.trim() ? stripMarkers(item.manufacturer.trim()) : null;
  return {
    itemId: item.id, catalogId: catalog.id, revisionId: item.revisionId, supplierOrgId: catalog.supplierOrgId,
    sku: stripMarkers(item.sku), name: stripMarkers(item.name), nameSort: naturalSortKey(item.name), description: stripMarkers(item.description),
    categoryPath: item.categoryPath, categoryAncestors: categoryAncestors(item.categoryPath).reverse(),
    manufacturer, gtin: item.gtin, mpn: item.mpn, codes,
    listUnitMinor: listUnitPrice(item.priceMinor, item.tiers, 1), currency: catalog.currency,
  };
}
