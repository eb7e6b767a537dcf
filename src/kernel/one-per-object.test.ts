import { expect, test } from 'vitest';
import { onePerObject } from './one-per-object.ts';

test('makes one value per object, on first use, and gives it back after', () => {
  const made: object[] = [];
  const cacheOf = onePerObject((db: object) => { made.push(db); return { of: db }; });
  const first = {};
  const second = {};
  expect(made).toEqual([]);
  const a = cacheOf(first);
  expect(cacheOf(first)).toBe(a);
  expect(a.of).toBe(first);
  const b = cacheOf(second);
  expect(b).not.toBe(a);
  expect(made).toEqual([first, second]);
});
