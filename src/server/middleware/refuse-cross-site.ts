import type { MiddlewareHandler } from 'astro';
import { apiForbidden } from '#features/auth/api-responses.ts';
import { isCrossSiteSubmission } from '#server/cross-site-check.ts';
import { isApiRoute } from './api-route.ts';

const MESSAGE = 'This form was sent from another site, so it was refused. Open the page on this site and send it again.';

const SETUP_ROUTES = new Set(['/punchout/cxml', '/punchout/oci']);

/**
 * Refuses a submission another site's page could have made the browser send (403), before the
 * session is read; bearer-token callers are exempt (server/cross-site-check.ts).
 */
export const refuseCrossSite: MiddlewareHandler = (context, next) => {
  // A procurement system's setup is posted from its own site by design, and proves itself by the
  // connection's credentials in the body, never by a cookie: nothing to forge.
  if (SETUP_ROUTES.has(context.routePattern)) return next();
  if (!isCrossSiteSubmission(context.request, context.url.origin, { bearer: context.locals.apiTokenId !== null })) return next();
  if (isApiRoute(context.routePattern)) return apiForbidden(MESSAGE);
  return new Response(MESSAGE, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
