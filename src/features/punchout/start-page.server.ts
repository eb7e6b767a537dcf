import type { AstroCookies } from 'astro';
import type { Db } from '#db/client.ts';
import { PUNCHOUT_COOKIE, PUNCHOUT_HOST_COOKIE } from '#features/auth/punchout-visit.ts';
import { cookieIsSecure } from '#features/auth/session-cookie.ts';
import { servedOverHttps } from '#features/security/deployment-settings.ts';
import { escapeHtml } from '#features/security/escape-html.ts';
import { redeemStartToken, StartLinkUnknown } from './punchout-sessions.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';

/**
 * The start page: swaps the single-use token for the session's cookie and goes to the catalogs
 * (or to the basket, for an edit or inspect that brought lines). A used, late or unknown token
 * is answered with a page saying which (403), an unknown one as not found (404); no cookie.
 */
export async function openStartPage(db: Db, token: string, cookies: AstroCookies, url: URL, now: Date): Promise<Response> {
  try {
    const { cookieToken, operation } = await redeemStartToken(db, token, now);
    cookies.set(servedOverHttps(url) ? PUNCHOUT_HOST_COOKIE : PUNCHOUT_COOKIE, cookieToken, { httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(url), path: '/' });
    return new Response(null, { status: 303, headers: { location: operation === 'create' ? '/catalogs' : '/punchout/cart', 'cache-control': 'no-store' } });
  } catch (e) {
    if (!(e instanceof PunchoutProblem) && !(e instanceof StartLinkUnknown)) throw e;
    const status = e instanceof StartLinkUnknown ? 404 : 403;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Start link refused · Vitrine</title></head><body><main><h1>This procurement session cannot start</h1><p role="alert">${escapeHtml(e.message)}</p></main></body></html>`;
    return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }
}
