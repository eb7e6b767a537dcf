import type { MiddlewareHandler } from 'astro';
import { PUNCHOUT_COOKIES } from '#features/auth/punchout-visit.ts';
import { resolvePunchoutVisit } from '#features/punchout/punchout-sessions.server.ts';
import type { AppDb } from './app-db.ts';

/**
 * A punchout session's own cookie: while it is valid, the request is the connection's buyer
 * browsing for the procurement system, whatever sign-in session the browser also carries (the
 * session is set aside, so nothing is remembered for the fast lane). An ended or idle one is
 * cleared.
 */
export function resolvePunchoutVisitStep(db: AppDb): MiddlewareHandler {
  return async (context, next) => {
    const token = context.locals.apiTokenId === null ? PUNCHOUT_COOKIES.map((name) => context.cookies.get(name)?.value).find(Boolean) : undefined;
    if (!token) return next();
    const visit = await resolvePunchoutVisit(await db(), token, new Date());
    if (visit) {
      context.locals.user = visit.user;
      context.locals.session = null;
      context.locals.punchout = visit;
    } else {
      for (const name of PUNCHOUT_COOKIES) if (context.cookies.has(name)) context.cookies.delete(name, { path: '/', secure: name !== PUNCHOUT_COOKIES[1] });
    }
    return next();
  };
}
