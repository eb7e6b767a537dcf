import { describe, expect, test } from 'vitest';
import { listRouteFiles, type RouteFile } from '#tests/e2e/auth-support/route-files.ts';
import { concreteRoute, MISSING_VALUE, type ParamSource } from '#tests/e2e/auth-support/route-params.ts';

// The matrix (tests/e2e/authorization-matrix.spec.ts) walks every route file with concrete values: check both.
const source: ParamSource = {
  helpSlug: 'browsing-catalogs', acmeCatalog: { id: 7, slug: 'fasteners-2027', liveRevisionId: 70 }, acmeSku: 'SKU 1',
  globexOrg: { id: 4, slug: 'globex-manufacturing' }, globexViewId: 3, globexBuyerId: 5, globexListId: undefined, inviteToken: 'abc.def',
};
const route = (pattern: string, extra: Partial<RouteFile> = {}): RouteFile => ({
  file: `src/pages${pattern}.astro`, pattern, params: [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!), methods: ['GET'], prerendered: false, ...extra,
});

describe('authorization matrix routes', () => {
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

  test('a param gets the seeded value, or one that exists nowhere when nothing is seeded', () => {
    expect(concreteRoute(route('/supplier/catalogs/[catalog]'), source).path).toBe('/supplier/catalogs/fasteners-2027');
    expect(concreteRoute(route('/lists/[list]'), source)).toMatchObject({ path: `/lists/${MISSING_VALUE}`, resolved: false });
  });
});
