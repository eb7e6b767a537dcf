import type { Settings } from 'meilisearch';
import { MAX_TOTAL_HITS } from './search-port.ts';

/**
 * Index settings of every catalog index, applied when the app starts and to every fresh index
 * before documents go in. Ranking: Meilisearch's rules, with attributes in this order of weight
 * (codes first, so an exact SKU/GTIN/MPN wins); one typo for words of 5+ letters, never two, and
 * none on codes or numbers (A100 must not find A101). See docs/decisions/004-search-ranking.md.
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ['codes', 'name', 'sku', 'manufacturer', 'categoryPath', 'description'],
  filterableAttributes: ['revisionId', 'sku', 'codes', 'categoryAncestors', 'manufacturer', 'listUnitMinor', 'currency'],
  sortableAttributes: ['nameSort', 'sku', 'listUnitMinor'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 255 },
    disableOnAttributes: ['codes', 'sku'],
    disableOnNumbers: true,
  },
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
};

/** Fields a hit needs to be priced, merged and highlighted; the rest of the item is read from libSQL. */
export const RETRIEVED = ['id', 'catalogId', 'revisionId', 'sku', 'name', 'description', 'categoryPath', 'listUnitMinor', 'currency', 'nameSort'];
