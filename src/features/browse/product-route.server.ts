import { catalogBySlug, openBrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import { renderCachedBrowsePage } from './cached-browse-page.server.ts';
import { loadProductOrder } from './product-order.server.ts';

/**
 * A product page (buyer or preview): its summary and details from the cache when they can be,
 * the order form (it names the buyer's lists) always fresh. Null: 404.
 */
export async function openProductRoute(route: BrowseRoute) {
  const request = await openBrowseRequest(route.db, route.user, route.params.customer, route.now);
  const catalog = request && catalogBySlug(request, route.params.catalog);
  const sku = route.params.sku ?? '';
  if (!request || !catalog || sku === '') return null;
  const cached = await renderCachedBrowsePage(route, {
    request, catalog, pageId: `product|${catalog.slug}|${sku}`, parts: ['summary', 'details'],
    load: (missed) => loadProductOrder(route.db, request, catalog, sku, missed),
    title: (order) => order.page!.title,
  });
  return cached && { request, catalog, ...cached };
}
export type ProductRoute = NonNullable<Awaited<ReturnType<typeof openProductRoute>>>;
