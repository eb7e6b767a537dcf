import type { Role } from '../../../db/schema/users.ts';

export type RouteAccess = 'public' | 'signed-in' | 'api' | readonly Role[];

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
  ['/logout', 'public'],
  ['/invite', 'public'],
  ['/healthz', 'public'],
  ['/404', 'public'],
  ['/500', 'public'],
  ['/media', 'public'], // each image checks its own access
  ['/api', 'api'], // each endpoint authenticates by token or session itself
  ['/_actions', 'public'], // each action checks authorization itself
  ['/_server-islands', 'public'],
  ['/_image', 'public'],
  ['/account', 'signed-in'],
  ['/catalogs', ['buyer']],
  ['/products', ['buyer']],
  ['/search', ['buyer']],
  ['/lists', ['buyer']],
  ['/changes', ['buyer']],
  ['/supplier', ['supplier']],
  ['/sales', ['sales']],
  ['/admin', ['admin']],
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

export type AccessDecision = 'allow' | 'login' | 'not-found';

export function decideRouteAccess(routePattern: string, role: Role | null): AccessDecision {
  const access = routeAccess(routePattern);
  if (access === null) return 'not-found';
  if (access === 'public' || access === 'api') return 'allow';
  if (!role) return 'login';
  if (access === 'signed-in') return 'allow';
  return access.includes(role) ? 'allow' : 'not-found';
}
