import type { Db } from '#db/client.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { getVisibleItem, type VisibleItem } from '#features/visibility/visible-items.server.ts';
import { loadProductPage, type ProductPage } from './product-page.server.ts';
import { listsOf, type ListSummary } from '#features/lists/lists.server.ts';

export interface ProductOrder {
  /** The page's data, loaded only when a cached part of it is missing. */
  page: ProductPage | null;
  item: VisibleItem;
  /** False in a sales preview: sales has no lists. */
  canOrder: boolean;
  lists: ListSummary[];
}

/**
 * What a product page needs on every request: the item (a light lookup when the page itself
 * comes from cache) and the buyer's lists for the "Add to list" form. Null: 404.
 */
export async function loadProductOrder(db: Db, request: BrowseRequest, catalog: LiveCatalog, sku: string, needPage: boolean): Promise<ProductOrder | null> {
  const page = needPage ? await loadProductPage(db, request, catalog, sku) : null;
  const item = page?.item ?? (needPage ? null : await getVisibleItem(db, request.context(), catalog.slug, sku));
  if (!item) return null;
  const canOrder = !request.preview;
  return { page, item, canOrder, lists: canOrder ? await listsOf(db, request.user.id) : [] };
}
