import { catalogBySlug, openBrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import { loadCatalogPage } from './catalog-page.server.ts';
import { loadWhenMissed, renderCachedBrowsePage } from './cached-browse-page.server.ts';
import { listingQuery, parseListingParams } from './listing-params.ts';
import { catalogPageId } from '#features/page-cache/catalog-page-id.ts';

/** A catalog or category page (buyer or preview), from the cache when it can. Null: 404. */
export async function openCatalogRoute(route: BrowseRoute) {
  const request = await openBrowseRequest(route.db, route.user, route.params.customer, route.now);
  const catalog = request && catalogBySlug(request, route.params.catalog);
  if (!request || !catalog) return null;
  const params = parseListingParams(route.url.searchParams);
  const load = loadWhenMissed(() => loadCatalogPage(route.db, request, catalog, route.params.category, params));
  const cached = await renderCachedBrowsePage(route, {
    request, catalog, pageId: catalogPageId(catalog.slug, route.params.category, listingQuery(params)), parts: ['main'], fastLane: true, load,
    title: (data) => data.page!.title,
  });
  return cached && { request, ...cached };
}
export type CatalogRoute = NonNullable<Awaited<ReturnType<typeof openCatalogRoute>>>;
