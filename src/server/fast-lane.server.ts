import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { HOST_COOKIE_NAME } from '#features/auth/session-cookie.ts';
import { PUNCHOUT_COOKIES } from '#features/auth/punchout-visit.ts';
import { recallSession } from '#features/auth/session-memo.ts';
import { can } from '#features/auth/authorize.ts';
import { whoBarHtml } from '#features/auth/who-bar.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { listingQuery, parseListingParams } from '#features/browse/listing-params.ts';
import { recallFingerprint } from '#features/page-cache/scope-memo.ts';
import { fragmentKey } from '#features/page-cache/page-cache.server.ts';
import { catalogPageId } from '#features/page-cache/catalog-page-id.ts';
import { getPageTemplate, pageTemplateKey, type PageTemplate } from '#features/page-cache/page-templates.ts';
import { changeStampAtHand, changeStampByQuery } from '#features/page-cache/change-stamp.server.ts';
import { noteRequest } from '#features/observability/request-facts.ts';
import { FAST_LANE, type FastLane, type FrontHeaders } from './fast-lane-slot.ts';
import { acceptsGzip, gzipOfPieces, gzipPiece, type GzipPiece } from './gzip-pieces.ts';
import { carriesFormOutcome } from './form-outcome-cookie.ts';
import { withOpenedDb, type AppDb, type WithDb } from './middleware/app-db.ts';
import { answerAnonymousHealth } from './fast-health.server.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

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

function hasPunchoutCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader?.split(';').some((part) => PUNCHOUT_COOKIES.some((name) => part.trim().startsWith(`${name}=`))) ?? false;
}

type CatalogPage = { slug: string; page: string } | null;

/**
 * The answers of catalogPageOf by URL: buyers ask the same pages again and again, and parsing the
 * URL and its listing parameters was a twentieth of a cached page's CPU. Keyed by the whole URL
 * (the answer depends on nothing else); a null answer is kept too. Bounded by count and by the
 * URLs' length.
 */
const pagesByUrl = new LruCache<{ of: CatalogPage; size: number }>({ maxEntries: 5_000, maxSize: 2_000_000, sizeOf: (known) => known.size });

function rememberedCatalogPageOf(requestUrl: string): CatalogPage {
  let known = pagesByUrl.get(requestUrl);
  if (known === undefined) pagesByUrl.set(requestUrl, known = { of: catalogPageOf(requestUrl), size: requestUrl.length * 2 + 100 });
  return known.of;
}

/** The cached category page a URL names (its catalog's slug and its page id), or null for what is not cached here. */
function catalogPageOf(requestUrl: string): CatalogPage {
  let url: URL;
  let segments: string[];
  try {
    url = new URL(requestUrl, 'http://localhost');
    segments = url.pathname.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  // /catalogs/<slug>/<category…>; the print and export routes under a catalog are not cached here.
  const [, , slug, next] = segments;
  if (!slug || next === 'print' || next?.startsWith('export.') || url.searchParams.has('_action')) return null;
  return { slug, page: catalogPageId(slug, segments.slice(3).join('/'), listingQuery(parseListingParams(url.searchParams))) };
}

interface RememberedVisit { user: SessionUser; template: PageTemplate; sessionStamp: number; scopeStamp: number }

/** What the memos remember for this request: the buyer, their scope and the page's template; null when any is missing. */
function recallVisit(req: IncomingMessage, now: number): RememberedVisit | null {
  if (req.method !== 'GET' || !req.url?.startsWith('/catalogs/')) return null;
  const token = sessionToken(req.headers.cookie);
  // A punchout session's pages carry its banner and cart, and a form's outcome waits for its page
  // (post-redirect-get.ts): both always rendered in full.
  if (!token || hasPunchoutCookie(req.headers.cookie) || carriesFormOutcome(req.headers.cookie)) return null;
  const session = recallSession(token, now);
  if (!session || !can(session.user, { do: 'browse-catalogs' })) return null;
  const { user } = session;
  const scope = recallFingerprint(user.orgId, now);
  if (!scope) return null;
  const page = rememberedCatalogPageOf(req.url);
  const fingerprint = page && scope.catalogs.get(page.slug);
  if (!page || !fingerprint) return null;
  const template = getPageTemplate(pageTemplateKey(fragmentKey(fingerprint, '', page.page), user.role));
  if (!template) return null;
  return { user, template, sessionStamp: session.stamp, scopeStamp: scope.stamp };
}

/** The cached page's own headers, after the front's (flat: name, value, …). */
const HEADERS = [
  'content-type', 'text/html; charset=utf-8',
  'cache-control', 'no-store', // behind sign-in: never kept on a shared computer's disk
  'vary', 'Accept-Encoding',
  'x-page-cache', 'hit',
  'x-page-cache-lane', 'fast', // answered here, before Astro (tests and benchmarks tell the two kinds of hit apart)
];

/** A template's halves compressed once, for as long as the template itself is kept. */
const halvesOf = onePerObject((template: PageTemplate) => ({ before: gzipPiece(template.before, false), after: gzipPiece(template.after, true) }));

/**
 * A visitor's person bar as bytes, and gzipped when first asked: kept with the session memo's
 * user object (session-memo.ts), so it is what whoBarHtml gives for that object, made once.
 */
const whoBarOf = onePerObject((user: SessionUser): { plain: Buffer; gzipped?: GzipPiece } => ({ plain: Buffer.from(whoBarHtml(user)) }));

/** The template with the visitor's own person bar put back, gzipped when the browser takes it. */
function writeCachedPage(res: ServerResponse, frontHeaders: FrontHeaders, template: PageTemplate, user: SessionUser, gzip: boolean): void {
  // Written as pieces, not joined: copying each page would cost more than serving it.
  const who = whoBarOf(user);
  let pieces: Buffer[];
  if (gzip) {
    const halves = halvesOf(template);
    pieces = gzipOfPieces([halves.before, who.gzipped ??= gzipPiece(who.plain, false), halves.after]);
  } else {
    pieces = [template.before, who.plain, template.after];
  }
  let length = 0;
  for (const piece of pieces) length += piece.byteLength;
  // One list, so Node checks and writes every header once (no header was set before).
  const headers = [...frontHeaders, ...HEADERS, 'content-length', String(length)];
  if (gzip) headers.push('content-encoding', 'gzip');
  res.writeHead(200, headers);
  res.cork();
  const last = pieces.length - 1;
  for (let i = 0; i < last; i++) res.write(pieces[i]);
  res.end(pieces[last]);
  res.uncork();
}

/**
 * Serves a buyer's repeat visit to a category page straight from the page cache, before the
 * request reaches Astro: the session and the customer's scope fingerprint come from the memos
 * the last full render left (session-memo.ts, scope-memo.ts), the page from the templates it
 * stored. Whenever any of the three is missing or stale it answers false and the request takes
 * the normal path, which checks everything against the database and refills them.
 */
export function serveCachedCatalogPages(withDb: WithDb): FastLane {
  return (req: IncomingMessage, res: ServerResponse, frontHeaders: FrontHeaders) => {
    const visit = recallVisit(req, Date.now());
    if (!visit) return false;
    // Last, the one database read: no sign-out, publish or view change anywhere since the session
    // and the scope were read. Synchronous on a local file; a remote database answers a promise.
    const answer = (stamp: number): boolean => {
      if (stamp !== visit.scopeStamp || stamp !== visit.sessionStamp) return false;
      noteRequest(req.headers, { route: '/catalogs/[catalog]/[...category]', userId: visit.user.id, orgId: visit.user.orgId });
      writeCachedPage(res, frontHeaders, visit.template, visit.user, acceptsGzip(req.headers['accept-encoding']));
      return true;
    };
    return withDb((db) => {
      const stamp = changeStampAtHand(db);
      return stamp === null ? changeStampByQuery(db).then(answer) : answer(stamp);
    });
  };
}

/**
 * Makes the fast lane known to the HTTP front (http-front.server.ts), which runs outside the
 * bundle: an anonymous health probe, then a buyer's cached category page.
 */
export function installFastLane(db: AppDb): void {
  const withDb = withOpenedDb(db);
  const health = answerAnonymousHealth(withDb);
  const pages = serveCachedCatalogPages(withDb);
  const lane: FastLane = (req, res, frontHeaders) => {
    const probe = health(req, res, frontHeaders);
    if (probe === false) return pages(req, res, frontHeaders);
    return probe === true || probe.then((answered) => answered || pages(req, res, frontHeaders));
  };
  (globalThis as Record<symbol, unknown>)[FAST_LANE] = lane;
}
