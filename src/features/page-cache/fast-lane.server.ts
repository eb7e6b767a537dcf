import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_POLICY } from '../auth/session-policy.ts';
import { HOST_COOKIE_NAME } from '../auth/session-cookie.ts';
import { recallSession } from '../auth/session-memo.ts';
import { can } from '../auth/authorize.ts';
import { whoBarHtml } from '../auth/who-bar.ts';
import { listingQuery, parseListingParams } from '../browse/listing-params.ts';
import { recallFingerprint } from './scope-memo.ts';
import { fragmentKey } from './page-cache.server.ts';
import { catalogPageId } from './catalog-page-id.ts';
import { getPageTemplate, pageTemplateKey } from './page-templates.ts';
import { FAST_LANE, type FastLane } from './fast-lane-slot.ts';
import { changeStamp } from './change-stamp.server.ts';
import { getApp } from '../../app.server.ts';

function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  // Either name, the __Host- one first, as the middleware reads it (session-cookie.ts).
  for (const name of [HOST_COOKIE_NAME, SESSION_POLICY.cookieName]) {
    const prefix = `${name}=`;
    for (const part of cookieHeader.split(';')) {
      const p = part.trim();
      if (p.startsWith(prefix) && p.length > prefix.length) return p.slice(prefix.length);
    }
  }
  return null;
}

/**
 * Serves a buyer's repeat visit to a category page straight from the page cache, before the
 * request reaches Astro: the session and the customer's scope fingerprint come from the memos
 * the last full render left (session-memo.ts, scope-memo.ts), the page from the templates it
 * stored. Whenever any of the three is missing or stale it answers false and the request takes
 * the normal path, which checks everything against the database and refills them.
 */
export const serveCachedCatalogPage: FastLane = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
  if (req.method !== 'GET' || !req.url?.startsWith('/catalogs/')) return false;
  const token = sessionToken(req.headers.cookie);
  if (!token) return false;
  const now = Date.now();
  const session = recallSession(token, now);
  if (!session || !can(session.user, { do: 'browse-catalogs' })) return false;
  const { user } = session;
  const scope = recallFingerprint(user.orgId, now);
  if (!scope) return false;

  let url: URL;
  let segments: string[];
  try {
    url = new URL(req.url, 'http://localhost');
    segments = url.pathname.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return false;
  }
  // /catalogs/<slug>/<category…>; the print and export routes under a catalog are not cached here.
  const [, , slug, next] = segments;
  if (!slug || next === 'print' || next?.startsWith('export.') || url.searchParams.has('_action')) return false;
  const page = catalogPageId(slug, segments.slice(3).join('/'), listingQuery(parseListingParams(url.searchParams)));
  const template = getPageTemplate(pageTemplateKey(fragmentKey(scope.fingerprint, '', page), user.role));
  if (!template) return false;
  // Last, the one database read: no sign-out, publish or view change anywhere since the session
  // and the scope were read.
  const stamp = await changeStamp((await getApp()).database.db);
  if (stamp !== scope.stamp || stamp !== session.stamp) return false;

  // Written as three buffers, not joined: copying each page would cost more than serving it.
  const who = Buffer.from(whoBarHtml(user));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': template.before.byteLength + who.byteLength + template.after.byteLength,
    'cache-control': 'no-store', // behind sign-in: never kept on a shared computer's disk
    'x-page-cache': 'hit',
    'x-page-cache-lane': 'fast', // answered here, before Astro (tests and benchmarks tell the two kinds of hit apart)
  });
  res.cork();
  res.write(template.before);
  res.write(who);
  res.end(template.after);
  res.uncork();
  return true;
};

/** Makes the fast lane known to the HTTP front (scripts/serve.ts), which runs outside the bundle. */
export function installFastLane(): void {
  (globalThis as Record<symbol, unknown>)[FAST_LANE] = serveCachedCatalogPage;
}
