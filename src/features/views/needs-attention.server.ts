import type { ViewRules } from '#db/schema/views.ts';
import { categoryAncestors, normalizeCategoryPath } from '#features/pricing/category-path.ts';
import { categoryCounts, itemsBySku } from './live-items.server.ts';
import type { CatalogInfo, Reader } from './view-records.server.ts';

export type CategoryUse = 'shown' | 'hidden' | 'discount';
export type SkuUse = 'fixed price' | 'always shown' | 'always hidden';

export interface CatalogAttention {
  catalogId: number;
  catalogName: string;
  /** The catalog has no live revision: the view shows nothing of it until the supplier publishes. */
  notPublished: boolean;
  /** Rules naming categories that are not in the live revision (they disappeared, or were renamed). */
  categories: Array<{ path: string; usedIn: CategoryUse[] }>;
  /** Rules naming SKUs that are not in the live revision. */
  skus: Array<{ sku: string; usedIn: SkuUse[] }>;
}

/** Reads each live revision once, however many views ask about it. */
export class LiveRevisionLookup {
  private readonly categorySets = new Map<number, Promise<Set<string>>>();
  private readonly db: Reader;
  constructor(db: Reader) { this.db = db; }

  /** Every category path of the revision, with all its parent paths. */
  categories(revisionId: number): Promise<Set<string>> {
    let found = this.categorySets.get(revisionId);
    if (!found) {
      found = categoryCounts(this.db, revisionId).then((rows) => new Set(rows.flatMap((r) => categoryAncestors(r.path))));
      this.categorySets.set(revisionId, found);
    }
    return found;
  }

  async existingSkus(revisionId: number, skus: readonly string[]): Promise<Set<string>> {
    return new Set((await itemsBySku(this.db, revisionId, skus)).keys());
  }
}

function addUse<K, U>(map: Map<K, U[]>, key: K, use: U) {
  map.set(key, [...(map.get(key) ?? []), use]);
}

/**
 * What sales should look at in a view's rules after suppliers published: fixed prices and SKU
 * rules whose SKU is gone from the live revision, and category rules whose category is gone.
 * Such rules do no harm (they match nothing), and apply again if the item or category comes
 * back; the list says which to remove or re-target. Only catalogs with something to say are returned.
 */
export async function findAttention(rules: ViewRules, catalogs: ReadonlyMap<number, CatalogInfo>, lookup: LiveRevisionLookup): Promise<CatalogAttention[]> {
  const out: CatalogAttention[] = [];
  for (const c of rules.catalogs) {
    const info = catalogs.get(c.catalogId);
    const entry: CatalogAttention = { catalogId: c.catalogId, catalogName: info?.name ?? `catalog ${c.catalogId}`, notPublished: !info?.liveRevisionId, categories: [], skus: [] };
    if (info?.liveRevisionId) {
      const categoryUses = new Map<string, CategoryUse[]>();
      for (const p of c.includeCategories ?? []) addUse(categoryUses, normalizeCategoryPath(p), 'shown');
      for (const p of c.excludeCategories ?? []) addUse(categoryUses, normalizeCategoryPath(p), 'hidden');
      for (const r of c.categoryPercentOff ?? []) addUse(categoryUses, normalizeCategoryPath(r.categoryPath), 'discount');
      if (categoryUses.size > 0) {
        const live = await lookup.categories(info.liveRevisionId);
        entry.categories = [...categoryUses].filter(([path]) => !live.has(path)).map(([path, usedIn]) => ({ path, usedIn }));
      }
      const skuUses = new Map<string, SkuUse[]>();
      for (const f of c.fixedPrices ?? []) addUse(skuUses, f.sku, 'fixed price');
      for (const s of c.includeSkus ?? []) addUse(skuUses, s, 'always shown');
      for (const s of c.excludeSkus ?? []) addUse(skuUses, s, 'always hidden');
      if (skuUses.size > 0) {
        const existing = await lookup.existingSkus(info.liveRevisionId, [...skuUses.keys()]);
        entry.skus = [...skuUses].filter(([sku]) => !existing.has(sku)).map(([sku, usedIn]) => ({ sku, usedIn }));
      }
    }
    if (entry.notPublished || entry.categories.length > 0 || entry.skus.length > 0) out.push(entry);
  }
  return out;
}

/** The number of things to look at, for lists ("3 rules need attention"). */
export function attentionCount(found: readonly CatalogAttention[]): number {
  return found.reduce((n, c) => n + (c.notPublished ? 1 : 0) + c.categories.length + c.skus.length, 0);
}
