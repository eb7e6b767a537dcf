import type { ItemSort } from '#features/visibility/visible-items.server.ts';

export type ListingLayout = 'table' | 'grid';
export interface ListingParams { sort: ItemSort; page: number; layout: ListingLayout }

export const PAGE_SIZE = 50;
const SORTS: readonly ItemSort[] = ['name', 'sku', 'price'];
const LAYOUTS: readonly ListingLayout[] = ['table', 'grid'];

/**
 * The listing's place as kept in the URL (?sort=price&page=3&layout=grid). Unknown values fall
 * back to the defaults rather than failing: a shared or old link still opens a sensible page.
 */
export function parseListingParams(search: URLSearchParams): ListingParams {
  const sort = search.get('sort') as ItemSort | null;
  const layout = search.get('layout') as ListingLayout | null;
  const pageText = search.get('page') ?? '1';
  const page = /^[1-9]\d{0,6}$/.test(pageText) ? Number(pageText) : 1;
  return { sort: sort && SORTS.includes(sort) ? sort : 'name', page, layout: layout && LAYOUTS.includes(layout) ? layout : 'table' };
}

/** The query string of a listing place, defaults left out: "" for page 1 by name as a table. */
export function listingQuery(p: ListingParams): string {
  const q = new URLSearchParams();
  if (p.sort !== 'name') q.set('sort', p.sort);
  if (p.page !== 1) q.set('page', String(p.page));
  if (p.layout !== 'table') q.set('layout', p.layout);
  const text = q.toString();
  return text ? `?${text}` : '';
}
