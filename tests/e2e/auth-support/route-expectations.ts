import { isApiForRoles, routeAccess } from '#features/auth/route-access.ts';
import { homeOfRole } from '#features/auth/navigation.ts';
import { paths } from '#src/paths.ts';
import type { Identity } from './identities.ts';
import type { RouteFile } from './route-files.ts';
import type { ConcreteRoute } from './route-params.ts';

/** What a request must answer: a status, and for redirects where they lead. */
export type Outcome =
  | { status: 200 | 401 | 404 | 500 }
  | { status: 302 | 303; location: string }
  /** Non-GET with an empty body: the guard let it through to the handler (neither 401/404, nor a login redirect, nor 5xx). */
  | { status: 'handled' };

export interface Case { route: RouteFile; concrete: ConcreteRoute; method: string; identity: Identity }

const ok: Outcome = { status: 200 };
const notFound: Outcome = { status: 404 };
const toLogin = (path: string): Outcome => ({ status: 302, location: `/login?next=${encodeURIComponent(path)}` });

/**
 * Exceptions to the default, keyed by route prefix (the longest matching one applies). Return
 * undefined to fall back to the default for a case. Routes without an entry need none: their
 * expectation follows from route-access.ts.
 */
export const OVERRIDES: ReadonlyArray<[prefix: string, (c: Case) => Outcome | undefined]> = [
  ['/404', () => notFound],
  ['/500', () => ({ status: 500 })],
  // The seeded database has administrators: first-run setup is gone for good.
  ['/setup', () => notFound],
  // The demo operator has no logo.
  ['/operator-logo.png', () => notFound],
  // Only with the METRICS_TOKEN bearer, which no identity of the matrix holds.
  ['/metrics', () => ({ status: 401 })],
  // Signed-in people are sent on to their home.
  ['/login', (c) => (c.identity.role ? { status: 302, location: homeOfRole(c.identity.role) } : undefined)],
  ['/logout', (c) => (c.method === 'POST' ? { status: 303, location: '/login' } : undefined)],
  // Only a ready revision whose workbook is still kept can come back annotated; the seeded live
  // revision (published, upload released) has none, so even its own supplier gets 404.
  ['/supplier/revisions/[revisionId]/annotated.xlsx', (c) => (c.identity.role === 'supplier' && c.concrete.resolved ? notFound : undefined)],
  // Sales opening a customer's preview is sent on to the customer's catalog list.
  ['/preview', (c) => (c.route.pattern === '/preview/[customer]' && c.identity.role === 'sales' && c.concrete.resolved
    ? { status: 302, location: c.concrete.path.replace(/^\/preview\/([^/]+)$/, (_, id: string) => paths.preview(Number(id))) } : undefined)],
];

function prefixMatches(pattern: string, prefix: string): boolean {
  return pattern === prefix || pattern.startsWith(prefix + '/');
}

/** The default, derived from route-access.ts: the same table the middleware decides on. */
export function defaultOutcome({ route, concrete, method, identity }: Case): Outcome {
  const reached: Outcome = method === 'GET' ? ok : { status: 'handled' };
  // Prerendered pages are static files: the same for everyone, and only the built params exist.
  if (route.prerendered) return concrete.resolved ? ok : notFound;
  const access = routeAccess(route.pattern);
  if (access === null) return notFound;
  if (access === 'public') return concrete.resolved ? reached : notFound;
  if (access === 'api' || isApiForRoles(access)) {
    if (!identity.role) return { status: 401 };
    if (isApiForRoles(access) && !access.api.includes(identity.role)) return notFound;
  } else {
    if (!identity.role) return toLogin(concrete.path);
    if (access !== 'signed-in' && !access.includes(identity.role)) return notFound;
  }
  if (!concrete.resolved) return notFound;
  if (identity.otherTenant && concrete.tenantRoles.has(identity.role)) return notFound;
  return reached;
}

export function expectedOutcome(c: Case): Outcome {
  const override = OVERRIDES.filter(([prefix]) => prefixMatches(c.route.pattern, prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return override?.[1](c) ?? defaultOutcome(c);
}

/** Whether an actual answer is the expected outcome. */
export function matches(expected: Outcome, status: number, location: string | undefined): boolean {
  if (expected.status === 'handled') return status < 500 && status !== 401 && status !== 404 && !(location ?? '').startsWith('/login');
  if (expected.status !== status) return false;
  return !('location' in expected) || expected.location === location;
}

export function describeOutcome(o: Outcome): string {
  return 'location' in o ? `${o.status} → ${o.location}` : String(o.status);
}
