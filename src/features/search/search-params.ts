import { normalizeCategoryPath } from '#features/pricing/category-path.ts';
import { formatPriceParam, parsePriceParam, type PriceRange } from './price-bands.ts';
import type { SearchSort } from './search-port.ts';

/**
 * Everything a buyer's search is, as it stands in the URL: a search can be bookmarked, shared
 * with a colleague of the same company, and works as a plain GET form without JavaScript.
 * Suppliers and catalogs are named by slug; a colleague's scope decides what they then see.
 */
export interface SearchState {
  q: string;
  suppliers: string[];
  catalogs: string[];
  category: string | null;
  makers: string[];
  price: PriceRange | null;
  sort: SearchSort;
  page: number;
}

export const SEARCH_PATH = '/search';
export const MAX_QUERY_LENGTH = 200;
const MAX_VALUES = 20;
const SORTS: readonly SearchSort[] = ['relevance', 'name', 'price'];

export const EMPTY_STATE: SearchState = { q: '', suppliers: [], catalogs: [], category: null, makers: [], price: null, sort: 'relevance', page: 1 };

function values(params: URLSearchParams, name: string): string[] {
  return [...new Set(params.getAll(name).map((v) => v.trim()).filter((v) => v !== ''))].slice(0, MAX_VALUES);
}

/** Reads the URL; anything it cannot use is left out and explained in `problems`, in the buyer's words. */
export function parseSearchState(params: URLSearchParams): { state: SearchState; problems: string[] } {
  const problems: string[] = [];
  let q = (params.get('q') ?? '').replace(/\s+/g, ' ').trim();
  if (q.length > MAX_QUERY_LENGTH) {
    q = q.slice(0, MAX_QUERY_LENGTH);
    problems.push(`Your search was cut to its first ${MAX_QUERY_LENGTH} characters.`);
  }
  const sortText = params.get('sort') ?? '';
  let sort: SearchSort = 'relevance';
  if (sortText !== '') {
    if ((SORTS as readonly string[]).includes(sortText)) sort = sortText as SearchSort;
    else problems.push(`"${sortText}" is not a way to sort; the results are sorted by relevance.`);
  }
  const pageText = params.get('page') ?? '';
  let page = 1;
  if (pageText !== '') {
    if (/^\d{1,6}$/.test(pageText) && Number(pageText) >= 1) page = Number(pageText);
    else problems.push(`"${pageText}" is not a page number; showing the first page.`);
  }
  let price: PriceRange | null = null;
  const priceText = params.get('price') ?? '';
  if (priceText !== '') {
    const parsed = parsePriceParam(priceText);
    if (parsed.ok) price = parsed.range;
    else problems.push(`${parsed.message} The price filter was left out.`);
  }
  const categoryText = normalizeCategoryPath(params.get('category') ?? '');
  return {
    state: { q, suppliers: values(params, 'supplier'), catalogs: values(params, 'catalog'), category: categoryText || null, makers: values(params, 'maker'), price, sort, page },
    problems,
  };
}

/** The URL of a search state; defaults are left out so URLs stay short. */
export function searchHref(state: SearchState): string {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const s of state.suppliers) p.append('supplier', s);
  for (const c of state.catalogs) p.append('catalog', c);
  if (state.category) p.set('category', state.category);
  for (const m of state.makers) p.append('maker', m);
  if (state.price) p.set('price', formatPriceParam(state.price));
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  const query = p.toString();
  return query ? `${SEARCH_PATH}?${query}` : SEARCH_PATH;
}

/** A changed state; any change but the page itself goes back to the first page. */
export function withChange(state: SearchState, change: Partial<SearchState>): SearchState {
  return { ...state, page: 1, ...change };
}

export function toggled(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
