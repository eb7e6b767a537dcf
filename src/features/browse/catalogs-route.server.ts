import { openBrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import { loadCatalogsHome } from './catalogs-home.server.ts';

/** The catalogs a buyer (or a previewed customer) may see. Null: 404. */
export async function openCatalogsRoute(route: BrowseRoute) {
  const request = await openBrowseRequest(route.db, route.user, route.params.customer, route.now);
  if (!request) return null;
  const home = await loadCatalogsHome(route.db, request, route.now);
  route.response.headers.set('cache-control', 'private, no-cache');
  return { request, home };
}
export type CatalogsRoute = NonNullable<Awaited<ReturnType<typeof openCatalogsRoute>>>;
