import { LruCache } from '#kernel/lru.ts';

/**
 * A cached part of a page (the rest is rendered on each request around it): it never names a
 * person. Kept as UTF-8 bytes, which Astro writes out as they are: a hit encodes nothing.
 */
export interface CachedFragment { title: string; html: Uint8Array }

// Bounded by entries and by bytes of HTML.
const fragments = new LruCache<CachedFragment>({ maxEntries: 5_000, maxSize: 24 * 1024 * 1024, sizeOf: (f) => f.html.byteLength + f.title.length });

/**
 * The key of a cached page or part: the scope fingerprint (see scope-fingerprint.ts), the base
 * the page is served under (buyer or a preview), and the page's identity built from its parsed
 * parameters, never from the raw URL, so spellings of one address share one entry and junk
 * query parameters cannot fill the cache.
 */
export function fragmentKey(fingerprint: string, base: string, page: string, part = 'main'): string {
  return `${fingerprint}\u0000${base}\u0000${page}\u0000${part}`;
}

export function getFragment(key: string): CachedFragment | undefined {
  return fragments.get(key);
}

const encoder = new TextEncoder();

/** Stores a rendered part and returns its bytes. */
export function putFragment(key: string, title: string, html: string): Uint8Array {
  const bytes = encoder.encode(html);
  fragments.set(key, { title, html: bytes });
  return bytes;
}

/** For tests and operations: forget everything (entries are never stale, so this only frees memory). */
export function clearFragments(): void {
  fragments.clear();
}

export function fragmentCacheStats(): { entries: number; bytes: number } {
  return { entries: fragments.count, bytes: fragments.size };
}
