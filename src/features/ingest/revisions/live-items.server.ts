import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items } from '#db/schema/index.ts';
import type { ItemDraft } from '../checks/validate-row.ts';

export type LiveItem = typeof items.$inferSelect;

/** The items of a revision with the given SKUs, by SKU (one query per call; callers batch). */
export async function itemsBySku(db: Db, revisionId: number, skus: readonly string[]): Promise<Map<string, LiveItem>> {
  const wanted = [...new Set(skus.filter((s) => s !== ''))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(items).where(and(eq(items.revisionId, revisionId), inArray(items.sku, wanted)));
  return new Map(rows.map((r) => [r.sku, r]));
}

/**
 * A stored item as a draft for the pipeline, at `rowNumber` of the update file. Its images are
 * left empty: they are content hashes, not names the pipeline could look up, and the merge
 * step restores them from the live revision.
 */
export function draftOf(live: LiveItem, rowNumber: number): ItemDraft {
  return {
    rowNumber, sku: live.sku, name: live.name, description: live.description, categoryPath: live.categoryPath, unit: live.unit,
    priceMinor: live.priceMinor, tiers: live.tiers, minOrderQty: live.minOrderQty, gtin: live.gtin, manufacturer: live.manufacturer,
    mpn: live.mpn, attributes: live.attributes, images: [],
  };
}
