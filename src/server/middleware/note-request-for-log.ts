import type { MiddlewareHandler } from 'astro';
import { noteRequest } from '#features/observability/request-facts.ts';

// The request's one log line is written by the HTTP front when the response ends; these steps
// note what only Astro knows. The route first, so a request refused early is logged under it too.

/** Notes the route pattern Astro matched. */
export const noteRouteForLog: MiddlewareHandler = (context, next) => {
  noteRequest(context.request.headers, { route: context.routePattern });
  return next();
};

/** Notes who asked, once the session or token is known. */
export const noteUserForLog: MiddlewareHandler = (context, next) => {
  noteRequest(context.request.headers, { userId: context.locals.user?.id ?? null, orgId: context.locals.user?.orgId ?? null });
  return next();
};
