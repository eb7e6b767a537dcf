import { fragmentKey, getFragment, type CachedFragment } from '#features/page-cache/page-cache.server.ts';
import { pageTemplateKey } from '#features/page-cache/page-templates.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import type { BrowseRoute } from './browse-route.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';

/** One cached part of a page: its key, and what the cache held for it (CachedPart renders it). */
export interface CachedPartRef { key: string; hit: CachedFragment | undefined }

export interface CachedBrowsePage<Part extends string, Data> {
  title: string;
  data: Data;
  parts: Record<Part, CachedPartRef>;
}

interface CachedPageSpec<Part extends string, Data> {
  request: BrowseRequest;
  /** The catalog the page belongs to: its entries stay good when another catalog is published. */
  catalog: LiveCatalog;
  /** The page's identity in the cache, from its parsed parameters (never the raw URL). */
  pageId: string;
  parts: readonly [Part, ...Part[]];
  /** The page's data, told whether any part must be rendered afresh; null when there is no such page. */
  load: (missed: boolean) => Promise<Data | null>;
  /** The title when the first part is rendered afresh (a hit brings its own). */
  title: (data: Data) => string;
  /** Offer the whole page to the fast lane (a buyer's own page only, never a preview). */
  fastLane?: boolean;
}

/**
 * The page-cache wiring of a catalog page in one call: looks each part up under the catalog's
 * fingerprint and the request's base, loads the data (skipped by pages that need none on a hit), sets the cache
 * headers and, where asked, leaves the fast lane its template key. Null: answer 404.
 */
export async function renderCachedBrowsePage<Part extends string, Data>(route: BrowseRoute, spec: CachedPageSpec<Part, Data>): Promise<CachedBrowsePage<Part, Data> | null> {
  const { request } = spec;
  const parts = Object.fromEntries(spec.parts.map((part) => {
    const key = fragmentKey(request.catalogFingerprint(spec.catalog), request.paths.base, spec.pageId, part);
    return [part, { key, hit: getFragment(key) }];
  })) as Record<Part, CachedPartRef>;
  const refs: CachedPartRef[] = Object.values(parts);
  const missed = refs.some((p) => !p.hit);
  const data = await spec.load(missed);
  if (data === null) return null;
  const first = parts[spec.parts[0]];
  const title = first.hit?.title ?? spec.title(data);
  route.response.headers.set('cache-control', 'private, no-cache');
  route.response.headers.set('x-page-cache', missed ? 'miss' : 'hit');
  // A buyer's own page without a form result may be served again by the fast lane (never a preview).
  if (spec.fastLane && !request.preview && !route.addedToList) route.locals.pageTemplateKey = pageTemplateKey(first.key, request.user.role);
  return { title, data, parts };
}

/** `load` for a page that needs no data when every part is a hit: loads only on a miss. */
export function loadWhenMissed<Page>(load: () => Promise<Page | null>): (missed: boolean) => Promise<{ page: Page | null } | null> {
  return async (missed) => {
    if (!missed) return { page: null };
    const page = await load();
    return page && { page };
  };
}
