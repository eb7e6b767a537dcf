import { openBrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import { loadChangesPage } from './changes-page.server.ts';

/** What changed since the buyer's last visit (or a date asked for). Null: 404; a bad date: 400. */
export async function openChangesRoute(route: BrowseRoute) {
  const request = await openBrowseRequest(route.db, route.user, route.params.customer, route.now);
  if (!request) return null;
  const page = await loadChangesPage(route.db, request, route.url.searchParams.get('since'), route.now);
  if (page.sinceError) route.response.status = 400;
  route.response.headers.set('cache-control', 'private, no-cache');
  return { request, page };
}
export type ChangesRoute = NonNullable<Awaited<ReturnType<typeof openChangesRoute>>>;
