import type { MiddlewareHandler } from 'astro';
import { bearerToken } from '#features/auth/bearer-token.ts';
import { authenticateApiToken } from '#features/auth/api-tokens.server.ts';
import { apiUnauthorized } from '#features/auth/api-responses.ts';
import type { AppDb } from './app-db.ts';
import { isApiRoute } from './api-route.ts';

/**
 * API calls may carry a bearer token instead of the cookie; a bad one is refused (401), never
 * ignored. A known one names the caller (`locals.user`, `locals.apiTokenId`).
 */
export function authenticateBearer(db: AppDb): MiddlewareHandler {
  return async (context, next) => {
    if (!isApiRoute(context.routePattern)) return next();
    const bearer = bearerToken(context.request.headers.get('authorization'));
    if (bearer === null) return next();
    const found = await authenticateApiToken(await db(), bearer, new Date());
    if (!found) return apiUnauthorized('The API token is unknown, revoked, or its owner is disabled.');
    context.locals.user = found.user;
    context.locals.apiTokenId = found.tokenId;
    return next();
  };
}
