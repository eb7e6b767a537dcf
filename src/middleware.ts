import { defineMiddleware } from 'astro:middleware';
import { PUBLIC_URL, TRUSTED_PROXIES, HSTS_INCLUDE_SUBDOMAINS, HEALTHZ_TOKEN } from 'astro:env/server';
import { configureDeployment } from './features/security/deployment-settings.ts';
import { getApp } from './app.server.ts';
import { validateSessionToken } from './features/auth/sessions.server.ts';
import { setSessionCookie, clearSessionCookie, readSessionCookie } from './features/auth/session-cookie.ts';
import { decideRouteAccess } from './features/auth/route-access.ts';
import { applySecurityHeaders } from './features/security/security-headers.ts';
import { isCrossSiteSubmission } from './features/security/cross-site-check.ts';
import { bearerToken } from './features/auth/bearer-token.ts';
import { authenticateApiToken } from './features/auth/api-tokens.server.ts';
import { apiForbidden, apiNotFound, apiUnauthorized } from './features/auth/api-responses.ts';
import { forgetSession, rememberSession, sessionGeneration } from './features/auth/session-memo.ts';
import { changeStamp } from './features/page-cache/change-stamp.server.ts';
import { keepPageTemplate } from './features/page-cache/keep-page-template.ts';
import { installFastLane } from './features/page-cache/fast-lane.server.ts';
import { mustNotStore, withNoStore } from './features/security/private-no-store.ts';

installFastLane();
configureDeployment({ PUBLIC_URL, TRUSTED_PROXIES, HSTS_INCLUDE_SUBDOMAINS, HEALTHZ_TOKEN });

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.apiTokenId = null;
  context.locals.pageTemplateKey = null;
  if (context.isPrerendered) return next();

  // API calls may carry a bearer token instead of the cookie; a bad one is refused, never ignored.
  const isApi = context.routePattern.startsWith('/api/');
  const bearer = isApi ? bearerToken(context.request.headers.get('authorization')) : null;
  if (bearer !== null) {
    const { database } = await getApp();
    const found = await authenticateApiToken(database.db, bearer, new Date());
    if (!found) return applySecurityHeaders(apiUnauthorized('The API token is unknown, revoked, or its owner is disabled.'));
    context.locals.user = found.user;
    context.locals.apiTokenId = found.tokenId;
  }
  if (isCrossSiteSubmission(context.request, context.url.origin, bearer !== null)) {
    const message = 'This form was sent from another site, so it was refused. Open the page on this site and send it again.';
    return applySecurityHeaders(isApi ? apiForbidden(message) : new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
  }

  const token = bearer === null ? readSessionCookie(context.cookies) : undefined;
  if (token) {
    const { database } = await getApp();
    const generation = sessionGeneration();
    const stamp = await changeStamp(database.db);
    const now = Date.now();
    const found = await validateSessionToken(database.db, token, now);
    if (found) {
      context.locals.user = found.user;
      context.locals.session = found.session;
      rememberSession(token, found.user, found.session, stamp, now, generation);
      if (found.touched) setSessionCookie(context.cookies, context.url, token, found.session);
    } else {
      clearSessionCookie(context.cookies, context.url);
    }
  }

  const decision = decideRouteAccess(context.routePattern, context.locals.user?.role ?? null);
  if (decision === 'login') {
    const next = context.url.pathname + context.url.search;
    return applySecurityHeaders(withNoStore(context.redirect(`/login?next=${encodeURIComponent(next)}`)));
  }
  // API callers get JSON: 401 when nobody is signed in, 404 when their role may not call it.
  if (decision === 'unauthorized') return applySecurityHeaders(apiUnauthorized());
  if (decision === 'not-found' && isApi) return applySecurityHeaders(apiNotFound());
  let response = decision === 'not-found' ? await context.rewrite('/404') : await next();

  if (context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    // Its own session may have ended or changed (a sign-out, a password change). Anything else
    // that changes what a page shows moves the change stamp, which the fast lane checks.
    if (token) forgetSession(token);
  } else if (context.locals.pageTemplateKey && context.locals.user && context.locals.session) {
    response = await keepPageTemplate(context.locals.pageTemplateKey, context.locals.user, response);
  }
  if (mustNotStore(context.routePattern, context.locals.user !== null)) response = withNoStore(response);
  return applySecurityHeaders(response);
});
