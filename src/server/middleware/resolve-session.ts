import type { MiddlewareHandler } from 'astro';
import { validateSessionToken } from '#features/auth/sessions.server.ts';
import { setSessionCookie, clearSessionCookie, readSessionCookie } from '#features/auth/session-cookie.ts';
import { rememberSession, sessionGeneration } from '#features/auth/session-memo.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import type { AppDb } from './app-db.ts';

/**
 * The session cookie (unless a bearer token already named the caller): a valid session fills
 * `locals.user` and `locals.session`, slides its expiry when due, and is remembered for the fast
 * lane with the change stamp read before it; an unknown or expired one clears the cookie.
 */
export function resolveSession(db: AppDb): MiddlewareHandler {
  return async (context, next) => {
    const token = context.locals.apiTokenId === null ? readSessionCookie(context.cookies) : undefined;
    if (!token) return next();
    const database = await db();
    const generation = sessionGeneration();
    const stamp = await changeStamp(database);
    const now = Date.now();
    const found = await validateSessionToken(database, token, now);
    if (found) {
      context.locals.user = found.user;
      context.locals.session = found.session;
      rememberSession(token, found.user, found.session, stamp, now, generation);
      if (found.touched) setSessionCookie(context.cookies, context.url, token, found.session);
    } else {
      clearSessionCookie(context.cookies, context.url);
    }
    return next();
  };
}
