import { expect, test } from 'vitest';
import { bearerToken } from '#features/auth/bearer-token.ts';

test('the bearer token of an Authorization header', () => {
  expect(bearerToken(null)).toBeNull();
  expect(bearerToken('Bearer vit_abc.def')).toBe('vit_abc.def');
  expect(bearerToken('bearer   vit_abc.def ')).toBe('vit_abc.def');
  // Present but unusable: refused rather than treated as "no token".
  expect(bearerToken('Basic dXNlcjpwYXNz')).toBe('');
  expect(bearerToken('Bearer')).toBe('');
  expect(bearerToken('Bearer a b')).toBe('');
});
