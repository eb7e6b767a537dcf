import { defineMiddleware } from 'astro:middleware';
import { getApp } from './app.server.ts';
import { validateSessionToken } from './features/auth/sessions.server.ts';
import { setSessionCookie, clearSessionCookie } from './features/auth/session-cookie.ts';
import { SESSION_POLICY } from './features/auth/session-policy.ts';
import { decideRouteAccess } from './features/auth/route-access.ts';
import { applySecurityHeaders } from './features/security/security-headers.ts';
import { bearerToken } from './features/auth/bearer-token.ts';
import { authenticateApiToken } from './features/auth/api-tokens.server.ts';
import { apiNotFound, apiUnauthorized } from './features/auth/api-responses.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.apiTokenId = null;
  if (context.isPrerendered) return next();

  // API calls may carry a bearer token instead of the cookie; a bad one is refused, never ignored.
  const bearer = context.routePattern.startsWith('/api/') ? bearerToken(context.request.headers.get('authorization')) : null;
  if (bearer !== null) {
    const { database } = await getApp();
    const found = await authenticateApiToken(database.db, bearer, new Date());
    if (!found) return applySecurityHeaders(apiUnauthorized('The API token is unknown, revoked, or its owner is disabled.'));
    context.locals.user = found.user;
    context.locals.apiTokenId = found.tokenId;
  }

  const token = bearer === null ? context.cookies.get(SESSION_POLICY.cookieName)?.value : undefined;
  if (token) {
    const { database } = await getApp();
    const found = await validateSessionToken(database.db, token, Date.now());
    if (found) {
      context.locals.user = found.user;
      context.locals.session = found.session;
      if (found.touched) setSessionCookie(context.cookies, context.url, token, found.session);
    } else {
      clearSessionCookie(context.cookies, context.url);
    }
  }

  const decision = decideRouteAccess(context.routePattern, context.locals.user?.role ?? null);
  if (decision === 'login') {
    const next = context.url.pathname + context.url.search;
    return context.redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  // API callers get JSON: 401 when nobody is signed in, 404 when their role may not call it.
  if (decision === 'unauthorized') return applySecurityHeaders(apiUnauthorized());
  if (decision === 'not-found' && context.routePattern.startsWith('/api/')) return applySecurityHeaders(apiNotFound());
  const response = decision === 'not-found' ? await context.rewrite('/404') : await next();
  return applySecurityHeaders(response);
});
