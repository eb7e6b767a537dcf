import { expect, test } from 'vitest';
import { valueWithin } from './value-within.ts';

test('gives the promise\'s value when it comes in time, the fallback when it does not', async () => {
  expect(await valueWithin(Promise.resolve('read'), 1_000, 'previous')).toBe('read');
  const never = new Promise<string>(() => {});
  expect(await valueWithin(never, 20, 'previous')).toBe('previous');
  await expect(valueWithin(Promise.reject(new Error('failed')), 1_000, 'previous')).rejects.toThrow('failed');
});
