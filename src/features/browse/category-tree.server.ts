import type { Db } from '#db/client.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { linkedCategoryTree, type LinkedCategoryTree } from './category-links.ts';
import { visibleCategoryCounts } from '#features/visibility/category-counts.server.ts';

// The tree depends only on the catalog's fingerprint (views in force, its live revision), so
// every page of a catalog shares one; its publish or a view change makes a new key.
const treesOf = onePerObject((_: Db) => new LruCache<LinkedCategoryTree>({ maxEntries: 500, maxSize: 500, sizeOf: () => 1 }));

/** The buyer's category tree of a catalog, with counts and URL segments. */
export async function categoryTreeOf(db: Db, request: BrowseRequest, catalog: LiveCatalog): Promise<LinkedCategoryTree> {
  const trees = treesOf(db);
  const key = `${request.catalogFingerprint(catalog)}|${catalog.id}`;
  const known = trees.get(key);
  if (known) return known;
  const tree = linkedCategoryTree(await visibleCategoryCounts(db, request.context(), catalog.id));
  trees.set(key, tree);
  return tree;
}
