import { describe, expect, test } from 'vitest';
import { decideRouteAccess, routeAccess } from '#features/auth/route-access.ts';

describe('route access table', () => {
  test('the longest prefix wins, and only on segment boundaries', () => {
    expect(routeAccess('/account')).toBe('signed-in');
    expect(routeAccess('/account/tokens')).toEqual(['buyer']);
    expect(routeAccess('/supplier/tokens')).toEqual(['supplier']);
    expect(routeAccess('/suppliers')).toBe('public');
    expect(routeAccess('/supplierx')).toBeNull();
    expect(routeAccess('/api/v1/me')).toBe('api');
    expect(routeAccess('/api/v1/catalog/[catalog]')).toEqual({ api: ['buyer'] });
    expect(routeAccess('/api/v1/catalogs/[catalogId]')).toEqual({ api: ['supplier'] });
  });

  test('decisions: anonymous to login, wrong role to 404, unknown routes to 404', () => {
    expect(decideRouteAccess('/admin/users', null)).toBe('login');
    expect(decideRouteAccess('/admin/users', 'sales')).toBe('not-found');
    expect(decideRouteAccess('/admin/users', 'admin')).toBe('allow');
    expect(decideRouteAccess('/account', 'buyer')).toBe('allow');
    expect(decideRouteAccess('/account/tokens', 'supplier')).toBe('not-found');
    expect(decideRouteAccess('/invite/[token]', null)).toBe('allow');
    expect(decideRouteAccess('/nothing-here', 'admin')).toBe('not-found');
  });

  test('API routes for some roles: nobody gets 401, other roles 404 (as JSON, in the middleware)', () => {
    expect(decideRouteAccess('/api/v1/catalogs', null)).toBe('unauthorized');
    expect(decideRouteAccess('/api/v1/catalogs', 'buyer')).toBe('not-found');
    expect(decideRouteAccess('/api/v1/catalogs', 'supplier')).toBe('allow');
    expect(decideRouteAccess('/api/v1/me', null)).toBe('allow'); // the endpoint answers 401 itself
  });
});
