import type { Db } from '#db/client.ts';
import { LruCache } from '#kernel/lru.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { itemsByIds, listVisibleItems, orderedVisibleIds, type ItemSort, type VisibleItem } from '#features/visibility/visible-items.server.ts';

/**
 * Orderings of a category's visible items, kept per catalog fingerprint (which changes with
 * every publish of the catalog or view change): paging through a category, or switching it between grid and table,
 * then reads the page's 50 rows instead of sorting the whole category again. Listings longer
 * than MAX_KEPT are ordered by the database page by page instead, unless sorted by price, which
 * reads every item in any case.
 */
const MAX_KEPT = 5_000;
const orders = new LruCache<number[]>({ maxEntries: 2_000, maxSize: 2_000_000, sizeOf: (ids) => ids.length + 1 });

export interface ListingPage { catalog: LiveCatalog; categoryPath: string | undefined; sort: ItemSort; page: number; pageSize: number; total: number }

export async function itemsOfListingPage(db: Db, request: BrowseRequest, q: ListingPage): Promise<VisibleItem[]> {
  const ctx = request.context();
  const query = { catalogId: q.catalog.id, categoryPath: q.categoryPath, sort: q.sort, page: q.page, pageSize: q.pageSize };
  if (q.total > MAX_KEPT && q.sort !== 'price') return (await listVisibleItems(db, ctx, query, q.total)).items;
  const key = `${request.catalogFingerprint(q.catalog)}|${q.catalog.id}|${q.categoryPath ?? ''}|${q.sort}`;
  // Buyers asking for the same listing at once wait for one ordering.
  const ids = await orders.load(key, () => orderedVisibleIds(db, ctx, query, q.total));
  return itemsByIds(db, ctx, ids.slice((q.page - 1) * q.pageSize, q.page * q.pageSize));
}
