import type { Role } from '#db/schema/users.ts';

/**
 * 'api': the endpoint authenticates (token or session) and authorizes itself; `{ api: roles }`:
 * moreover only these roles may call it (others get a JSON 404, nobody a JSON 401).
 */
export type RouteAccess = 'public' | 'signed-in' | 'api' | { api: readonly Role[] } | readonly Role[];

/**
 * Who may open a route, decided on the route pattern Astro matched (never on the raw path,
 * which `//supplier` or `/%73upplier` could disguise). The longest matching prefix wins;
 * a route with no entry is refused, so a new page cannot be forgotten open.
 */
const TABLE: Array<[prefix: string, access: RouteAccess]> = [
  ['/', 'public'],
  ['/help', 'public'],
  ['/suppliers', 'public'],
  ['/login', 'public'],
  ['/setup', 'public'], // answers only with the first-run token, and only while there is no administrator
  ['/operator-logo.png', 'public'],
  ['/metrics', 'public'], // answers only with the METRICS_TOKEN bearer
  ['/logout', 'public'],
  ['/invite', 'public'],
  ['/healthz', 'public'],
  ['/404', 'public'],
  ['/500', 'public'],
  ['/media', 'public'], // each image checks its own access
  ['/api', 'api'], // each endpoint authenticates by token or session itself
  ['/api/v1/catalog', { api: ['buyer'] }], // what the buyer's organization sees, at its prices
  ['/api/v1/catalogs', { api: ['supplier'] }], // the supplier's own catalogs and uploads
  ['/_actions', 'public'], // each action checks authorization itself
  ['/_server-islands', 'public'],
  ['/_image', 'public'],
  ['/account', 'signed-in'],
  ['/account/tokens', ['buyer']], // suppliers keep theirs at /supplier/tokens; see API_TOKEN_ROLES
  ['/catalogs', ['buyer']],
  ['/products', ['buyer']],
  ['/search', ['buyer']],
  ['/lists', ['buyer']],
  ['/changes', ['buyer']],
  ['/preview', ['sales']], // sales sees a customer's catalog pages as that customer does
  ['/supplier', ['supplier']],
  ['/sales', ['sales']],
  ['/admin', ['admin']],
  // Procurement systems: connections and the try-out page for the operator's staff; the setup
  // endpoints check the connection's own credentials; the start link its token; the cart and
  // transfer need a punchout session (auth/punchout-visit.ts confines those sessions).
  ['/punchout', ['admin', 'sales']],
  ['/punchout/cxml', 'public'],
  ['/punchout/oci', 'public'],
  ['/punchout/start', 'public'],
  ['/punchout/cart', ['buyer']],
  ['/punchout/transfer', ['buyer']],
  ['/punchout/cancel', ['buyer']],
];

function matches(pattern: string, prefix: string): boolean {
  if (prefix === '/') return pattern === '/';
  return pattern === prefix || pattern.startsWith(prefix + '/') || pattern.startsWith(prefix + '.');
}

export function routeAccess(routePattern: string): RouteAccess | null {
  let best: [string, RouteAccess] | null = null;
  for (const entry of TABLE) {
    if (matches(routePattern, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

export function isApiForRoles(access: RouteAccess): access is { api: readonly Role[] } {
  return typeof access === 'object' && !Array.isArray(access);
}

export type AccessDecision = 'allow' | 'login' | 'unauthorized' | 'not-found';

export function decideRouteAccess(routePattern: string, role: Role | null): AccessDecision {
  const access = routeAccess(routePattern);
  if (access === null) return 'not-found';
  if (access === 'public' || access === 'api') return 'allow';
  if (isApiForRoles(access)) {
    if (!role) return 'unauthorized';
    return access.api.includes(role) ? 'allow' : 'not-found';
  }
  if (!role) return 'login';
  if (access === 'signed-in') return 'allow';
  return access.includes(role) ? 'allow' : 'not-found';
}
