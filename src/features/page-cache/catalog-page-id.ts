import { restKey } from './rest-key.ts';

/**
 * A category page's identity inside the page cache: the catalog, the canonical category path
 * and the canonical listing query (listing-params.ts listingQuery). The page and the fast lane
 * build it with this one function, so they always agree on the key.
 */
export function catalogPageId(catalogSlug: string, categoryRest: string | undefined, listingQuery: string): string {
  return `catalog|${catalogSlug}|${restKey(categoryRest)}|${listingQuery}`;
}
