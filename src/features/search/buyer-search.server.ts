import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import type { VisibleItem } from '#features/visibility/visible-items.server.ts';
import { buildSearchScope, type ScopeCatalogInfo } from './search-scope.server.ts';
import { loadHitItems } from './load-hit-items.server.ts';
import { loadImages } from '#features/browse/images.server.ts';
import type { ImageInfo } from '#features/browse/image-sources.ts';
import type { TextPiece } from './highlight.ts';
import type { EngineSearchResult, FacetName, SearchEngine, SearchFilters } from './search-port.ts';
import { MAX_TOTAL_HITS } from './search-port.ts';
import { describePriceRange, type PriceRange } from './price-bands.ts';
import { parseSearchState, searchHref, toggled, withChange, type SearchState } from './search-params.ts';
import { queryWords } from './normalize-text.ts';

export const PAGE_SIZE = 24;

export interface SearchResultItem { item: VisibleItem; name: TextPiece[]; sku: TextPiece[]; description: TextPiece[]; codeMatch: boolean }
export interface FacetLink { label: string; count: number; selected: boolean; href: string }
export interface Suggestion { label: string; href: string; count: number }

export interface SearchPageModel {
  state: SearchState;
  problems: string[];
  total: number;
  pageCount: number;
  results: SearchResultItem[];
  images: Map<string, ImageInfo>;
  facets: {
    suppliers: FacetLink[]; catalogs: FacetLink[]; makers: FacetLink[]; prices: FacetLink[];
    /** The chosen category and its parents, each a link back up; then its children. */
    categoryTrail: Array<{ label: string; href: string }>;
    categories: FacetLink[];
  };
  /** Active filters with the link that removes each. */
  active: Array<{ label: string; href: string }>;
  corrections: Array<{ word: string; replacements: string[] }>;
  /** When nothing matched: what would. */
  help: { removeFilter: Suggestion[]; spelling: Suggestion[]; fewerWords: Suggestion[] } | null;
  sorts: Array<{ label: string; href: string; current: boolean }>;
  pages: { previous: string | null; next: string | null };
  hasCatalogs: boolean;
}

export interface SearchDeps { db: Db; engine: SearchEngine }

function filtersOf(state: SearchState, catalogs: ScopeCatalogInfo[], problems: string[]): SearchFilters {
  const supplierIds = state.suppliers.flatMap((slug) => {
    const c = catalogs.find((x) => x.supplierSlug === slug);
    if (!c) problems.push(`None of your catalogs comes from a supplier "${slug}"; that filter was left out.`);
    return c ? [c.supplierOrgId] : [];
  });
  const catalogIds = state.catalogs.flatMap((slug) => {
    const c = catalogs.find((x) => x.slug === slug);
    if (!c) problems.push(`"${slug}" is not one of your catalogs; that filter was left out.`);
    return c ? [c.id] : [];
  });
  return { supplierIds: [...new Set(supplierIds)], catalogIds, categoryPath: state.category, manufacturers: state.makers, price: state.price };
}

/**
 * The buyer's search page: query, facets, sort and page from the URL, results at the buyer's
 * net prices, and help when nothing matched. Scope comes from the buyer's views, never from the URL.
 */
export async function searchForBuyer(deps: SearchDeps, ctx: BrowseContext, url: URL): Promise<SearchPageModel> {
  const { state, problems } = parseSearchState(url.searchParams);
  const { scope, catalogs } = await buildSearchScope(deps.db, ctx);
  const filters = filtersOf(state, catalogs, problems);
  const maxPage = Math.max(1, Math.ceil(MAX_TOTAL_HITS / PAGE_SIZE));
  if (state.page > maxPage) {
    problems.push(`Only the first ${maxPage} pages can be shown; narrow the search with a filter.`);
    state.page = maxPage;
  }
  const run = (text: string, f: SearchFilters, page = state.page, pageSize = PAGE_SIZE) => deps.engine.search({ scope, text, filters: f, sort: state.sort, page, pageSize });
  const result = await run(state.q, filters);
  const pageCount = Math.max(1, Math.min(maxPage, Math.ceil(result.total / PAGE_SIZE)));

  const items = await loadHitItems(deps.db, ctx, result.hits.map((h) => h.itemId));
  const results: SearchResultItem[] = result.hits.flatMap((h) => {
    const item = items.get(h.itemId);
    if (!item) return [];
    if (item.price.netMinor !== h.netMinor) console.warn(`search: engine net ${h.netMinor} differs from pricing ${item.price.netMinor} for item ${h.itemId}`);
    return [{ item, name: h.name.length ? h.name : [{ text: item.name, match: false }], sku: h.sku.length ? h.sku : [{ text: item.sku, match: false }], description: h.description, codeMatch: h.codeMatch }];
  });

  const images = await loadImages(deps.db, results.flatMap((r) => r.item.images.slice(0, 1)));
  const href = (change: Partial<SearchState>) => searchHref(withChange(state, change));
  const facets = facetLinks(state, result, catalogs, href);
  const active = activeFilters(state, catalogs, href);
  const help = result.total === 0 && (state.q !== '' || active.length) ? await noResultsHelp(state, filters, result, catalogs, run, (text) => deps.engine.spellingIdeas(text, scope), href) : null;
  return {
    state, problems, total: result.total, pageCount, results, images, facets, active,
    corrections: result.total > 0 ? result.corrections : [],
    help,
    sorts: (['relevance', 'name', 'price'] as const).map((s) => ({ label: s === 'relevance' ? 'Relevance' : s === 'name' ? 'Name' : 'Price', href: href({ sort: s }), current: state.sort === s })),
    pages: {
      previous: state.page > 1 ? searchHref({ ...state, page: Math.min(state.page - 1, pageCount) }) : null,
      next: state.page < pageCount ? searchHref({ ...state, page: state.page + 1 }) : null,
    },
    hasCatalogs: catalogs.length > 0,
  };
}

const lastLevel = (path: string) => path.split(' > ').pop() ?? path;

function facetLinks(state: SearchState, result: EngineSearchResult, catalogs: ScopeCatalogInfo[], href: (c: Partial<SearchState>) => string): SearchPageModel['facets'] {
  const f = result.facets;
  const supplierOf = (id: number) => catalogs.find((c) => c.supplierOrgId === id);
  const suppliers = f.suppliers.flatMap(({ value, count }) => {
    const c = supplierOf(value);
    return c ? [{ label: c.supplierName, count, selected: state.suppliers.includes(c.supplierSlug), href: href({ suppliers: toggled(state.suppliers, c.supplierSlug) }) }] : [];
  });
  const catalogLinks = f.catalogs.flatMap(({ value, count }) => {
    const c = catalogs.find((x) => x.id === value);
    return c ? [{ label: c.name, count, selected: state.catalogs.includes(c.slug), href: href({ catalogs: toggled(state.catalogs, c.slug) }) }] : [];
  });
  const makers = f.manufacturers.slice(0, 30).map(({ value, count }) => ({ label: value, count, selected: state.makers.includes(value), href: href({ makers: toggled(state.makers, value) }) }));
  const samePrice = (a: PriceRange | null, b: PriceRange) => a !== null && a.currency === b.currency && a.loMinor === b.loMinor && a.hiMinor === b.hiMinor;
  const prices = f.prices.map(({ range, count }) => ({ label: describePriceRange(range), count, selected: samePrice(state.price, range), href: href({ price: samePrice(state.price, range) ? null : range }) }));
  // A chosen value stays listed (and removable) even when nothing matches it any more.
  for (const slug of state.suppliers) {
    const c = catalogs.find((x) => x.supplierSlug === slug);
    if (c && !suppliers.some((l) => l.selected && l.label === c.supplierName)) suppliers.push({ label: c.supplierName, count: 0, selected: true, href: href({ suppliers: toggled(state.suppliers, slug) }) });
  }
  for (const slug of state.catalogs) {
    const c = catalogs.find((x) => x.slug === slug);
    if (c && !catalogLinks.some((l) => l.selected && l.label === c.name)) catalogLinks.push({ label: c.name, count: 0, selected: true, href: href({ catalogs: toggled(state.catalogs, slug) }) });
  }
  for (const m of state.makers) {
    if (!makers.some((l) => l.selected && l.label === m)) makers.push({ label: m, count: 0, selected: true, href: href({ makers: toggled(state.makers, m) }) });
  }
  if (state.price && !prices.some((l) => l.selected)) prices.push({ label: describePriceRange(state.price), count: 0, selected: true, href: href({ price: null }) });
  const categoryTrail: Array<{ label: string; href: string }> = [];
  if (state.category) {
    const levels = state.category.split(' > ');
    categoryTrail.push({ label: 'All categories', href: href({ category: null }) });
    levels.forEach((level, i) => categoryTrail.push({ label: level, href: href({ category: levels.slice(0, i + 1).join(' > ') }) }));
  }
  const categories = f.categories.map(({ value, count }) => ({ label: lastLevel(value), count, selected: false, href: href({ category: value }) }));
  return { suppliers, catalogs: catalogLinks, makers, prices, categoryTrail, categories };
}

function activeFilters(state: SearchState, catalogs: ScopeCatalogInfo[], href: (c: Partial<SearchState>) => string): SearchPageModel['active'] {
  const out: SearchPageModel['active'] = [];
  for (const slug of state.suppliers) {
    const c = catalogs.find((x) => x.supplierSlug === slug);
    if (c) out.push({ label: `Supplier: ${c.supplierName}`, href: href({ suppliers: state.suppliers.filter((s) => s !== slug) }) });
  }
  for (const slug of state.catalogs) {
    const c = catalogs.find((x) => x.slug === slug);
    if (c) out.push({ label: `Catalog: ${c.name}`, href: href({ catalogs: state.catalogs.filter((s) => s !== slug) }) });
  }
  if (state.category) out.push({ label: `Category: ${state.category}`, href: href({ category: null }) });
  for (const m of state.makers) out.push({ label: `Manufacturer: ${m}`, href: href({ makers: state.makers.filter((x) => x !== m) }) });
  if (state.price) out.push({ label: `Price: ${describePriceRange(state.price)}`, href: href({ price: null }) });
  return out;
}

type Run = (text: string, f: SearchFilters, page?: number, pageSize?: number) => Promise<EngineSearchResult>;

const FACET_WORDS: Record<FacetName, string> = { supplier: 'supplier', catalog: 'catalog', category: 'category', manufacturer: 'manufacturer', price: 'price' };
const CLEARED: Record<FacetName, Partial<SearchState>> = { supplier: { suppliers: [] }, catalog: { catalogs: [] }, category: { category: null }, manufacturer: { makers: [] }, price: { price: null } };

/** Nothing matched: which filter to drop, which spelling or fewer words would find items (each checked to find some). */
async function noResultsHelp(state: SearchState, filters: SearchFilters, result: EngineSearchResult, catalogs: ScopeCatalogInfo[], run: Run, spellingIdeas: (text: string) => Promise<string[]>, href: (c: Partial<SearchState>) => string): Promise<NonNullable<SearchPageModel['help']>> {
  const removeFilter: Suggestion[] = [];
  for (const [facet, count] of Object.entries(result.totalsWithout) as Array<[FacetName, number]>) {
    if (count > 0) removeFilter.push({ label: `Remove the ${FACET_WORDS[facet]} filter`, href: href(CLEARED[facet]), count });
  }
  const spelling: Suggestion[] = [];
  const fewerWords: Suggestion[] = [];
  if (state.q !== '' && catalogs.length) {
    for (const idea of await spellingIdeas(state.q)) {
      const found = await run(idea, filters, 1, 1);
      if (found.total > 0) spelling.push({ label: idea, href: href({ q: idea }), count: found.total });
    }
    const typed = queryWords(state.q);
    if (typed.length > 1) {
      for (let i = 0; i < typed.length && fewerWords.length < 3; i++) {
        const q = typed.filter((_, j) => j !== i).join(' ');
        const found = await run(q, filters, 1, 1);
        if (found.total > 0) fewerWords.push({ label: q, href: href({ q }), count: found.total });
      }
    }
  }
  return { removeFilter, spelling, fewerWords };
}
