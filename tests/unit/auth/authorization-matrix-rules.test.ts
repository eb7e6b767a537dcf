import { describe, expect, test } from 'vitest';
import { listRouteFiles, type RouteFile } from '#tests/e2e/auth-support/route-files.ts';
import { concreteRoute, MISSING_VALUE, type ParamSource } from '#tests/e2e/auth-support/route-params.ts';
import { expectedOutcome } from '#tests/e2e/auth-support/route-expectations.ts';
import { IDENTITIES } from '#tests/e2e/auth-support/identities.ts';

// The matrix (tests/e2e/authorization-matrix.spec.ts) is only as good as these rules: check them.
const source: ParamSource = {
  helpSlug: 'browsing-catalogs', acmeCatalog: { id: 7, slug: 'fasteners-2027', liveRevisionId: 70 }, acmeSku: 'SKU 1',
  globexOrg: { id: 4, slug: 'globex-manufacturing' }, globexViewId: 3, globexBuyerId: 5, globexListId: undefined, inviteToken: 'abc.def',
};
const route = (pattern: string, extra: Partial<RouteFile> = {}): RouteFile => ({
  file: `src/pages${pattern}.astro`, pattern, params: [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!), methods: ['GET'], prerendered: false, ...extra,
});
const outcomes = (r: RouteFile, method = 'GET') => Object.fromEntries(IDENTITIES.map((identity) => [identity.name, expectedOutcome({ route: r, concrete: concreteRoute(r, source), method, identity })]));

describe('authorization matrix rules', () => {
  test('every file of src/pages becomes a route with its methods', () => {
    const routes = listRouteFiles();
    const byPattern = new Map(routes.map((r) => [r.pattern, r]));
    expect(byPattern.get('/')?.file).toBe('src/pages/index.astro');
    expect(byPattern.get('/logout')?.methods).toEqual(['POST']);
    expect(byPattern.get('/api/v1/me')?.methods).toEqual(['GET']);
    expect(byPattern.get('/help/[slug]')).toMatchObject({ params: ['slug'], prerendered: false });
    expect(byPattern.get('/invite/[token]')).toMatchObject({ params: ['token'], prerendered: false });
    expect(routes.every((r) => !r.pattern.includes('/_'))).toBe(true);
  });

  test('a role page: anonymous to sign-in with next, other roles 404, its role 200', () => {
    expect(outcomes(route('/admin/users'))).toEqual({
      anonymous: { status: 302, location: '/login?next=%2Fadmin%2Fusers' },
      admin: { status: 200 }, sales: { status: 404 }, 'supplier (Acme)': { status: 404 }, 'buyer (Globex)': { status: 404 },
      'other supplier (Bright)': { status: 404 }, 'other buyer (Initech)': { status: 404 },
    });
  });

  test("another organization's person gets 404 for a resource of Acme or Globex", () => {
    const supplierRoute = route('/supplier/catalogs/[catalog]');
    expect(concreteRoute(supplierRoute, source).path).toBe('/supplier/catalogs/fasteners-2027');
    const o = outcomes(supplierRoute);
    expect(o['supplier (Acme)']).toEqual({ status: 200 });
    expect(o['other supplier (Bright)']).toEqual({ status: 404 });
    const buyerRoute = outcomes(route('/products/[catalog]/[sku]'));
    expect(buyerRoute['buyer (Globex)']).toEqual({ status: 200 });
    expect(buyerRoute['other buyer (Initech)']).toEqual({ status: 404 });
  });

  test('a param with no seeded value gets one that exists nowhere, and 404 for everyone allowed', () => {
    const r = route('/lists/[list]');
    expect(concreteRoute(r, source)).toMatchObject({ path: `/lists/${MISSING_VALUE}`, resolved: false });
    expect(outcomes(r)['buyer (Globex)']).toEqual({ status: 404 });
    expect(outcomes(r).anonymous).toEqual({ status: 302, location: `/login?next=%2Flists%2F${MISSING_VALUE}` });
  });

  test('API routes answer 401 to nobody, and unknown prefixes are 404 for all', () => {
    expect(outcomes(route('/api/v1/me', { methods: ['GET'] })).anonymous).toEqual({ status: 401 });
    expect(new Set(Object.values(outcomes(route('/nowhere/page'))).map((o) => o.status))).toEqual(new Set([404]));
    const supplierApi = outcomes(route('/api/v1/catalogs/[catalogId]', { methods: ['GET'] }));
    expect(supplierApi).toMatchObject({ anonymous: { status: 401 }, 'buyer (Globex)': { status: 404 }, 'supplier (Acme)': { status: 200 }, 'other supplier (Bright)': { status: 404 } });
  });

  test('non-GET requests of allowed people must reach the handler', () => {
    expect(outcomes(route('/supplier/upload'), 'POST')['supplier (Acme)']).toEqual({ status: 'handled' });
    expect(outcomes(route('/logout'), 'POST').admin).toEqual({ status: 303, location: '/login' });
  });
});
