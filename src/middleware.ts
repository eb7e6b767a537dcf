import { defineMiddleware } from 'astro:middleware';
import { getApp } from './app.server.ts';
import { validateSessionToken } from './features/auth/sessions.server.ts';
import { setSessionCookie, clearSessionCookie } from './features/auth/session-cookie.ts';
import { SESSION_POLICY } from './features/auth/session-policy.ts';
import { decideRouteAccess } from './features/auth/route-access.ts';
import { applySecurityHeaders } from './features/security/security-headers.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.apiTokenId = null;
  if (context.isPrerendered) return next();

  const token = context.cookies.get(SESSION_POLICY.cookieName)?.value;
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
  const response = decision === 'not-found' ? await context.rewrite('/404') : await next();
  return applySecurityHeaders(response);
});
