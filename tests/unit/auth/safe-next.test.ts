import { describe, expect, test } from 'vitest';
import { safeNextPath } from '#features/auth/safe-next.ts';

const HOME = '/catalogs';
const ORIGIN = 'https://vitrine.example';

describe('the next path after sign-in', () => {
  test.each([
    '//evil.example', '//evil.example/path', '/\\evil.example', '\\\\evil.example', '\\/evil.example',
    'https://evil.example', 'http://evil.example/catalogs', 'HTTPS://evil.example', 'javascript:alert(1)', 'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>', ' //evil.example', '\t//evil.example', '/\t/evil.example', '/\n/evil.example',
    'evil.example', '', '/login', '/logout', '/.//evil.example', '/catalogs/..//evil.example', '/./\\evil.example',
  ])('%j falls back to the home page', (next) => {
    expect(safeNextPath(next, HOME)).toBe(HOME);
  });

  test('an overlong value falls back to the home page', () => {
    expect(safeNextPath(`/${'a'.repeat(2001)}`, HOME)).toBe(HOME);
  });

  test.each(['/%2F%2Fevil.example', '/%2f%2fevil.example', '/%5Cevil.example', '/%09/evil.example', '/catalogs/%2E%2E//evil.example'])('%j stays on this site', (next) => {
    const result = safeNextPath(next, HOME);
    // Whatever comes back, a browser following it as a Location stays on our origin.
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    expect(result.startsWith('//')).toBe(false);
  });

  test('same-site paths with query and fragment are kept', () => {
    expect(safeNextPath('/catalogs/acme-fasteners-2027?page=2#items', HOME)).toBe('/catalogs/acme-fasteners-2027?page=2#items');
    expect(safeNextPath('/admin/audit?person=a%40b.test', HOME)).toBe('/admin/audit?person=a%40b.test');
  });
});
