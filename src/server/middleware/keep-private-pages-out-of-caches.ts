import type { MiddlewareHandler } from 'astro';
import { mustNotStore, withNoStore } from '#server/private-no-store.ts';

/**
 * Everything behind sign-in, or answered to someone signed in, leaves with `Cache-Control:
 * no-store`, so prices and names never stay in a shared computer's browser cache after sign-out.
 */
export const keepPrivatePagesOutOfCaches: MiddlewareHandler = async (context, next) => {
  const response = await next();
  return mustNotStore(context.routePattern, context.locals.user !== null) ? withNoStore(response) : response;
};
