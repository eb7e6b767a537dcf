import type { MiddlewareHandler } from 'astro';
import { noteRequest } from '#features/observability/request-facts.ts';

/** Notes the route and who asked for the request's one log line, which the HTTP front writes at its end. */
export const noteRequestForLog: MiddlewareHandler = (context, next) => {
  noteRequest(context.request.headers, { route: context.routePattern, userId: context.locals.user?.id ?? null, orgId: context.locals.user?.orgId ?? null });
  return next();
};
