import type { SearchDocument } from './search-document.ts';
import type { PriceClass } from './price-classes.ts';
import type { PriceRange } from './price-bands.ts';
import type { TextPiece } from './highlight.ts';

// The one interface both search engines implement (embedded FTS5 and Meilisearch), and that
// the shared contract suite (tests/integration/search) checks.

export type SearchSort = 'relevance' | 'name' | 'price';
export type FacetName = 'supplier' | 'catalog' | 'category' | 'manufacturer' | 'price';

/** A catalog a buyer's views reach, with its live revision. */
export interface ScopeCatalog { id: number; revisionId: number; supplierOrgId: number; currency: string }

/**
 * What the buyer may see: built on the server from their views, never from the request.
 * `classes` are both the visibility filter and the net price formula (see price-classes.ts).
 */
export interface SearchScope { catalogs: readonly ScopeCatalog[]; classes: readonly PriceClass[] }

export interface SearchFilters {
  supplierIds: readonly number[];
  catalogIds: readonly number[];
  /** One path: the items in it and below it. */
  categoryPath: string | null;
  manufacturers: readonly string[];
  price: PriceRange | null;
}

export const NO_FILTERS: SearchFilters = { supplierIds: [], catalogIds: [], categoryPath: null, manufacturers: [], price: null };

export interface EngineSearchRequest {
  scope: SearchScope;
  /** As typed; each engine reads words its own way. */
  text: string;
  filters: SearchFilters;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface EngineHit {
  itemId: number;
  catalogId: number;
  netMinor: number;
  currency: string;
  /** An exact SKU, GTIN or MPN match (ranked first). */
  codeMatch: boolean;
  name: TextPiece[];
  sku: TextPiece[];
  /** A short extract of the description around the match; empty when the description did not match. */
  description: TextPiece[];
}

export interface FacetCount<K> { value: K; count: number }
export interface PriceBandCount { range: PriceRange; count: number }

export interface EngineFacets {
  /** Counts ignore the facet's own filter (choosing a second supplier widens the result). */
  suppliers: FacetCount<number>[];
  catalogs: FacetCount<number>[];
  manufacturers: FacetCount<string>[];
  /** Children of the chosen category (top-level categories when none is chosen). */
  categories: FacetCount<string>[];
  /** Net price bands with at least one item, counted without the price filter. */
  prices: PriceBandCount[];
}

export interface EngineSearchResult {
  total: number;
  hits: EngineHit[];
  facets: EngineFacets;
  /** For each active filter: how many items would match without it ("no results" help). */
  totalsWithout: Partial<Record<FacetName, number>>;
  /** One-typo corrections the engine applied, per query word. */
  corrections: Array<{ word: string; replacements: string[] }>;
}

export interface EngineHealth { engine: 'embedded' | 'meilisearch'; ok: boolean; detail: string }

/** The most results a search pages through, for both engines (Meilisearch's maxTotalHits). */
export const MAX_TOTAL_HITS = 10_000;

export interface SearchEngine {
  readonly kind: 'embedded' | 'meilisearch';
  /** Makes the engine hold exactly these documents for the catalog (its live revision; none when it has none). */
  replaceCatalog(catalogId: number, documents: readonly SearchDocument[]): Promise<void>;
  /** Adds or updates documents. */
  indexDocuments(documents: readonly SearchDocument[]): Promise<void>;
  removeDocuments(catalogId: number, itemIds: readonly number[]): Promise<void>;
  search(request: EngineSearchRequest): Promise<EngineSearchResult>;
  /** Spelling ideas for words that matched nothing, from words of items in the scope only (may be empty when the engine has none). */
  spellingIdeas(text: string, scope: SearchScope): Promise<string[]>;
  health(): Promise<EngineHealth>;
}
