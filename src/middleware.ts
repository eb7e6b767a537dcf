import { defineMiddleware } from 'astro:middleware';
import { getApp } from './app.server.ts';
import { validateSessionToken } from './features/auth/sessions.server.ts';
import { setSessionCookie, clearSessionCookie } from './features/auth/session-cookie.ts';
import { SESSION_POLICY } from './features/auth/session-policy.ts';
import { decideRouteAccess } from './features/auth/route-access.ts';
import { applySecurityHeaders } from './features/security/security-headers.ts';
import { isCrossSiteSubmission } from './features/security/cross-site-check.ts';
import { bearerToken } from './features/auth/bearer-token.ts';
import { authenticateApiToken } from './features/auth/api-tokens.server.ts';
import { apiForbidden, apiNotFound, apiUnauthorized } from './features/auth/api-responses.ts';
import { forgetSessions, rememberSession, sessionGeneration } from './features/auth/session-memo.ts';
import { forgetFingerprints } from './features/page-cache/scope-memo.ts';
import { changeStamp } from './features/page-cache/change-stamp.server.ts';
import { keepPageTemplate } from './features/page-cache/keep-page-template.ts';
import { installFastLane } from './features/page-cache/fast-lane.server.ts';
import { noteRequest } from './features/observability/request-facts.ts';

installFastLane();

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.apiTokenId = null;
  context.locals.pageTemplateKey = null;
  if (context.isPrerendered) return next();
  noteRequest(context.request.headers, { route: context.routePattern });

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

  const token = bearer === null ? context.cookies.get(SESSION_POLICY.cookieName)?.value : undefined;
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

  noteRequest(context.request.headers, { userId: context.locals.user?.id ?? null, orgId: context.locals.user?.orgId ?? null });
  const decision = decideRouteAccess(context.routePattern, context.locals.user?.role ?? null);
  if (decision === 'login') {
    const next = context.url.pathname + context.url.search;
    return context.redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  // API callers get JSON: 401 when nobody is signed in, 404 when their role may not call it.
  if (decision === 'unauthorized') return applySecurityHeaders(apiUnauthorized());
  if (decision === 'not-found' && isApi) return applySecurityHeaders(apiNotFound());
  let response = decision === 'not-found' ? await context.rewrite('/404') : await next();

  if (context.request.method !== 'GET' && context.request.method !== 'HEAD') {
    // Whatever it changed (a sign-out, a publish, a view…), what the memos say may be stale now.
    forgetSessions();
    forgetFingerprints();
  } else if (context.locals.pageTemplateKey && context.locals.user && context.locals.session) {
    response = await keepPageTemplate(context.locals.pageTemplateKey, context.locals.user, response);
  }
  return applySecurityHeaders(response);
});
