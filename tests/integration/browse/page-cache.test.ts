import { beforeEach, describe, expect, test } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import CachedCounter from './fixtures/CachedCounter.astro';
import { renders } from './fixtures/render-count.ts';
import { clearFragments, fragmentCacheStats, getFragment } from '#features/page-cache/page-cache.server.ts';
import { LruCache } from '#kernel/lru.ts';

describe('the cached part of a page', () => {
  beforeEach(() => { clearFragments(); renders.count = 0; });

  test('renders its content once per key and serves the stored HTML after that, without rendering again', async () => {
    const container = await AstroContainer.create();
    const first = await container.renderToString(CachedCounter, { props: { cacheKey: 'k1', label: 'Fasteners for Globex' } });
    const second = await container.renderToString(CachedCounter, { props: { cacheKey: 'k1', label: 'something else' } });
    expect(first).toContain('Fasteners for Globex');
    expect(second).toContain('Fasteners for Globex');
    expect(renders.count).toBe(1);
    expect(getFragment('k1')?.title).toBe('Fasteners for Globex');
    const other = await container.renderToString(CachedCounter, { props: { cacheKey: 'k2', label: 'Lighting for Initech' } });
    expect(other).toContain('Lighting for Initech');
    expect(renders.count).toBe(2);
    expect(fragmentCacheStats().entries).toBe(2);
  });
});

describe('the LRU behind it', () => {
  test('drops the least recently used entries beyond its entry and size budgets', () => {
    const lru = new LruCache<string>({ maxEntries: 3, maxSize: 10, sizeOf: (v) => v.length });
    lru.set('a', 'aaa'); lru.set('b', 'bbb'); lru.set('c', 'ccc');
    expect(lru.get('a')).toBe('aaa'); // a is now the most recent
    lru.set('d', 'd');
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual(['aaa', 'ccc', 'd']);
    lru.set('e', 'eeeeeeee'); // 8 more: over the size budget, oldest go first
    expect(lru.size).toBeLessThanOrEqual(10);
    expect(lru.get('e')).toBe('eeeeeeee');
    lru.set('huge', 'x'.repeat(11));
    expect(lru.get('huge')).toBeUndefined();
  });
});
