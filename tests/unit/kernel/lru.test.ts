import { expect, test } from 'vitest';
import { LruCache } from '#kernel/lru.ts';

test('load makes a value once for everyone asking meanwhile, and keeps it', async () => {
  const cache = new LruCache<number[]>({ maxEntries: 4, maxSize: 100, sizeOf: (v) => v.length });
  let made = 0;
  const make = async () => { made++; await new Promise((r) => setTimeout(r, 10)); return [1, 2, 3]; };
  const [a, b] = await Promise.all([cache.load('k', make), cache.load('k', make)]);
  expect(a).toBe(b);
  expect(made).toBe(1);
  expect(await cache.load('k', make)).toBe(a);
  expect(made).toBe(1);
  expect(cache.size).toBe(3);
});

test('a failed load is not kept: the next one makes the value again', async () => {
  const cache = new LruCache<string>({ maxEntries: 4, maxSize: 100, sizeOf: (v) => v.length });
  await expect(cache.load('k', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
  expect(cache.count).toBe(0);
  expect(await cache.load('k', () => Promise.resolve('made'))).toBe('made');
  expect(cache.get('k')).toBe('made');
});
