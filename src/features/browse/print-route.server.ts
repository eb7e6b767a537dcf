import { catalogBySlug, openBrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import { loadWhenMissed, renderCachedBrowsePage } from './cached-browse-page.server.ts';
import { loadPrintPage } from './print-page.server.ts';
import { restKey } from '#features/page-cache/rest-key.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';

/** A catalog or category printed (buyer or preview), from the cache when it can. Null: 404. */
export async function openPrintRoute(route: BrowseRoute) {
  const request = await openBrowseRequest(route.db, route.user, route.params.customer, route.now);
  const catalog = request && catalogBySlug(request, route.params.catalog);
  if (!request || !catalog) return null;
  const load = loadWhenMissed(() => loadPrintPage(route.db, request, catalog, route.params.category));
  const cached = await renderCachedBrowsePage(route, {
    request, catalog, pageId: `print|${catalog.slug}|${restKey(route.params.category)}`, parts: ['main'], load,
    title: (data) => data.page!.title,
  });
  // The operator's name heads the printout (it changes rarely: read each time, outside the cached part's key).
  return cached && { request, catalog, now: route.now, brand: await operatorBrand(route.db), ...cached };
}
export type PrintRoute = NonNullable<Awaited<ReturnType<typeof openPrintRoute>>>;
