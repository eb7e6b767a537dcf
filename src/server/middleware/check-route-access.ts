import type { MiddlewareHandler } from 'astro';
import { decideRouteAccess } from '#features/auth/route-access.ts';
import { apiNotFound, apiUnauthorized } from '#features/auth/api-responses.ts';
import { isApiRoute } from './api-route.ts';
import { withNoStore } from '#server/private-no-store.ts';

/**
 * Who may open the route Astro matched (auth/route-access.ts). An anonymous visitor of a page is
 * sent to sign in; API callers get JSON, 401 when nobody is signed in, 404 when their role may
 * not call it; a page someone may not see answers as the 404 page does.
 */
export const checkRouteAccess: MiddlewareHandler = (context, next) => {
  const decision = decideRouteAccess(context.routePattern, context.locals.user?.role ?? null);
  if (decision === 'login') return withNoStore(context.redirect(`/login?next=${encodeURIComponent(context.url.pathname + context.url.search)}`));
  if (decision === 'unauthorized') return apiUnauthorized();
  if (decision === 'not-found') return isApiRoute(context.routePattern) ? apiNotFound() : context.rewrite('/404');
  return next();
};
