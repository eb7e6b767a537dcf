import type { SessionUser } from './session-user.ts';

/**
 * A punchout session as a request sees it: a procurement system's buyer browsing through
 * Vitrine. It carries its own cookie (never the sign-in session's), acts as the connection's
 * dedicated buyer, and may open only the routes below.
 */
export interface PunchoutVisit {
  id: string;
  connectionId: number;
  /** What the banner and the transfer button call the procurement system. */
  systemName: string;
  protocol: 'cxml' | 'oci';
  operation: 'create' | 'edit' | 'inspect';
  listId: number;
  user: SessionUser;
}

export const PUNCHOUT_COOKIE = 'punchout';
/** Over HTTPS the cookie is `__Host-punchout`, as the sign-in cookie is `__Host-session` (session-cookie.ts). */
export const PUNCHOUT_HOST_COOKIE = `__Host-${PUNCHOUT_COOKIE}`;
export const PUNCHOUT_COOKIES = [PUNCHOUT_HOST_COOKIE, PUNCHOUT_COOKIE] as const;

/**
 * The routes a punchout session may open: browsing, product pages, search, its own cart and
 * transfer, and the public plumbing those pages use. Everything else (account pages, lists,
 * exports, prints, "what changed", the API, every form action) answers 404, even though the
 * buyer behind it could open them when signed in.
 */
const ALLOWED: readonly RegExp[] = [
  /^\/$/, /^\/help(\/|$)/, /^\/suppliers$/, /^\/healthz$/, /^\/404$/, /^\/500$/, /^\/media\//, /^\/operator-logo\.png$/, /^\/_image$/,
  /^\/catalogs$/, /^\/catalogs\/\[catalog\]\/\[\.\.\.category\]$/,
  /^\/products\//, /^\/search$/,
  /^\/punchout\/cart$/, /^\/punchout\/transfer$/, /^\/punchout\/cancel$/, /^\/punchout\/start\//,
];

export function punchoutMayOpen(routePattern: string): boolean {
  return ALLOWED.some((re) => re.test(routePattern));
}
