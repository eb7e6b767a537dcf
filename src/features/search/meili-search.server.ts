import type { Hit, Meilisearch, MultiSearchQuery, MultiSearchResult, SearchResponse } from 'meilisearch';
import type { EngineFacets, EngineHit, EngineSearchRequest, EngineSearchResult, ScopeCatalog } from './search-port.ts';
import { MAX_TOTAL_HITS } from './search-port.ts';
import { inClass, netOfClass, type PriceClass } from './price-classes.ts';
import { bandEdges, bandOf } from './price-bands.ts';
import { and, categoryFilter, classInPriceFilter, codeFilter, manufacturerFilter, scopeFilter } from './meili-filter.ts';
import { RETRIEVED } from './meili-settings.ts';
import { catalogIndexUid } from './meili-documents.ts';
import { compactCode } from './normalize-text.ts';
import { MARK_END, MARK_START, toPieces } from './highlight.ts';
import { sortFacets } from './embedded-engine.server.ts';

/**
 * Search over the catalog indexes of a buyer's scope in ONE multi-search request: per catalog a
 * main query (count, facets, hits), and where needed count-only queries for facets that ignore
 * their own filter, one per net price band, an exact-code query, and for the price sort one
 * query per price class sorted by list price (a class's net price rises with its list price, so
 * the per-class lists merge into the buyer's net price order). Net prices never leave the server.
 */
type Tag =
  | { t: 'main'; c: ScopeCatalog }
  | { t: 'code'; c: ScopeCatalog }
  | { t: 'noMaker'; c: ScopeCatalog }
  | { t: 'noCategory'; c: ScopeCatalog }
  | { t: 'band'; c: ScopeCatalog; band: number }
  | { t: 'class'; c: ScopeCatalog; k: PriceClass };

interface Doc { id: number; catalogId: number; revisionId: number; sku: string; categoryPath: string; listUnitMinor: number; currency: string; nameSort: string; description?: string; name?: string }
type DocHit = Hit<Doc>;
interface Ranked { hit: DocHit; c: ScopeCatalog; net: number; score: number; code: boolean }

const CODE_LIMIT = 10;
const HIGHLIGHT = { attributesToHighlight: ['name', 'sku'], attributesToCrop: ['description'], cropLength: 24, highlightPreTag: MARK_START, highlightPostTag: MARK_END, cropMarker: '…' };

export async function meiliSearch(client: Meilisearch, prefix: string, req: EngineSearchRequest): Promise<EngineSearchResult> {
  const f = req.filters;
  const text = req.text.trim();
  const sort = req.sort === 'relevance' && text === '' ? 'name' : req.sort;
  const code = sort === 'relevance' ? compactCode(text) : '';
  const offset = Math.min((req.page - 1) * req.pageSize, MAX_TOTAL_HITS);
  const want = Math.min(offset + req.pageSize, MAX_TOTAL_HITS);
  const passSupplier = (c: ScopeCatalog) => !f.supplierIds.length || f.supplierIds.includes(c.supplierOrgId);
  const passCatalog = (c: ScopeCatalog) => !f.catalogIds.length || f.catalogIds.includes(c.id);
  const category = f.categoryPath !== null ? categoryFilter(f.categoryPath) : null;
  const maker = f.manufacturers.length ? manufacturerFilter(f.manufacturers) : null;
  const nameOrder = ['nameSort:asc', 'sku:asc'];

  const tags: Tag[] = [];
  const queries: MultiSearchQuery[] = [];
  const add = (tag: Tag, filter: string, extra: Partial<MultiSearchQuery>) => {
    tags.push(tag);
    queries.push({ indexUid: catalogIndexUid(prefix, tag.c.id), q: text, filter, page: 1, hitsPerPage: 0, ...extra });
  };
  for (const c of req.scope.catalogs) {
    const classes = req.scope.classes.filter((k) => k.catalogId === c.id);
    const priced = scopeFilter(classes, f.price);
    const selected = passSupplier(c) && passCatalog(c);
    if (priced !== null) {
      const hits = selected && sort !== 'price' ? { hitsPerPage: Math.min(want + CODE_LIMIT, MAX_TOTAL_HITS), attributesToRetrieve: RETRIEVED, showRankingScore: true, ...HIGHLIGHT, ...(sort === 'name' ? { sort: nameOrder } : {}) } : {};
      add({ t: 'main', c }, and(priced, category, maker), selected ? { facets: ['manufacturer', 'categoryAncestors'], ...hits } : {});
      if (selected && code.length >= 2) add({ t: 'code', c }, and(priced, category, maker, codeFilter(code)), { q: '', hitsPerPage: CODE_LIMIT, attributesToRetrieve: RETRIEVED, ...HIGHLIGHT, sort: nameOrder });
      if (selected && maker) add({ t: 'noMaker', c }, and(priced, category), { facets: ['manufacturer'] });
      if (selected && category) add({ t: 'noCategory', c }, and(priced, maker), {});
      if (selected && sort === 'price') {
        for (const k of classes) {
          const inRange = classInPriceFilter(k, f.price);
          if (inRange !== null) add({ t: 'class', c, k }, and(inRange, category, maker), { hitsPerPage: want, attributesToRetrieve: RETRIEVED, ...HIGHLIGHT, sort: ['listUnitMinor:asc', ...nameOrder] });
        }
      }
    }
    if (selected) {
      bandEdges(c.currency).forEach((_, band) => {
        const inBand = scopeFilter(classes, bandOf(c.currency, band));
        if (inBand !== null) add({ t: 'band', c, band }, and(inBand, category, maker), {});
      });
    }
  }
  const { results } = queries.length ? await client.multiSearch<{ queries: MultiSearchQuery[] }, Doc>({ queries }) : { results: [] as MultiSearchResult<Doc>[] };
  return collect(req, tags, results, { sort, offset, code });
}

function countOf(r: SearchResponse<Doc>): number {
  return r.totalHits ?? r.estimatedTotalHits ?? 0;
}

function addDistribution(into: Map<string, number>, distribution: Record<string, number> | undefined): void {
  for (const [value, n] of Object.entries(distribution ?? {})) into.set(value, (into.get(value) ?? 0) + n);
}

function childCategories(distribution: Map<string, number>, parent: string | null): Array<{ value: string; count: number }> {
  const depth = parent === null ? 1 : parent.split(' > ').length + 1;
  return [...distribution].filter(([path]) => path.split(' > ').length === depth && (parent === null || path.startsWith(parent + ' > '))).map(([value, count]) => ({ value, count }));
}

function toEngineHit(r: Ranked): EngineHit {
  const formatted = r.hit._formatted ?? {};
  const description = String(formatted.description ?? '');
  const sku = String(formatted.sku ?? r.hit.sku);
  return {
    itemId: r.hit.id, catalogId: r.c.id, netMinor: r.net, currency: r.hit.currency, codeMatch: r.code,
    name: toPieces(String(formatted.name ?? r.hit.name ?? '')),
    sku: r.code && !sku.includes(MARK_START) ? [{ text: r.hit.sku, match: true }] : toPieces(sku),
    description: description.includes(MARK_START) ? toPieces(description) : [],
  };
}

function collect(req: EngineSearchRequest, tags: Tag[], results: MultiSearchResult<Doc>[], o: { sort: string; offset: number; code: string }): EngineSearchResult {
  const f = req.filters;
  const facets: EngineFacets = { suppliers: [], catalogs: [], manufacturers: [], categories: [], prices: [] };
  const totals = new Map<number, number>();
  const makers = new Map<string, number>();
  const makersWithout = new Map<string, number>();
  const categories = new Map<string, number>();
  const bands = new Map<string, number>();
  let noMaker = 0;
  let noCategory = 0;
  const ranked: Ranked[] = [];
  const codeHits: Ranked[] = [];
  const classesOf = (c: ScopeCatalog) => req.scope.classes.filter((k) => k.catalogId === c.id);
  const price = (c: ScopeCatalog, hit: DocHit) => {
    const k = classesOf(c).find((x) => inClass(x, { catalogId: c.id, revisionId: hit.revisionId, sku: hit.sku, categoryPath: hit.categoryPath }));
    return k ? netOfClass(k, hit.listUnitMinor) : null;
  };
  const rank = (c: ScopeCatalog, hit: DocHit, code: boolean): Ranked | null => {
    const net = price(c, hit);
    return net === null ? null : { hit, c, net, score: hit._rankingScore ?? 0, code };
  };
  tags.forEach((tag, i) => {
    const r = results[i]!;
    switch (tag.t) {
      case 'main':
        totals.set(tag.c.id, countOf(r));
        addDistribution(makers, r.facetDistribution?.manufacturer);
        addDistribution(categories, r.facetDistribution?.categoryAncestors);
        if (o.sort !== 'price') for (const h of r.hits) { const x = rank(tag.c, h, false); if (x) ranked.push(x); }
        break;
      case 'code': for (const h of r.hits) { const x = rank(tag.c, h, true); if (x) codeHits.push(x); } break;
      case 'noMaker': noMaker += countOf(r); addDistribution(makersWithout, r.facetDistribution?.manufacturer); break;
      case 'noCategory': noCategory += countOf(r); break;
      case 'band': {
        const key = `${tag.c.currency}:${tag.band}`;
        bands.set(key, (bands.get(key) ?? 0) + countOf(r));
        break;
      }
      case 'class': for (const h of r.hits) { const x = rank(tag.c, h, false); if (x) ranked.push(x); } break;
    }
  });
  const passSupplier = (c: ScopeCatalog) => !f.supplierIds.length || f.supplierIds.includes(c.supplierOrgId);
  const passCatalog = (c: ScopeCatalog) => !f.catalogIds.length || f.catalogIds.includes(c.id);
  let total = 0;
  let withoutSupplier = 0;
  let withoutCatalog = 0;
  const bySupplier = new Map<number, number>();
  for (const c of req.scope.catalogs) {
    const n = totals.get(c.id) ?? 0;
    if (passSupplier(c) && passCatalog(c)) total += n;
    if (passCatalog(c)) { withoutSupplier += n; bySupplier.set(c.supplierOrgId, (bySupplier.get(c.supplierOrgId) ?? 0) + n); }
    if (passSupplier(c)) { withoutCatalog += n; if (n > 0) facets.catalogs.push({ value: c.id, count: n }); }
  }
  for (const [value, count] of bySupplier) if (count > 0) facets.suppliers.push({ value, count });
  for (const [value, count] of (f.manufacturers.length ? makersWithout : makers)) if (count > 0) facets.manufacturers.push({ value, count });
  facets.categories = childCategories(categories, f.categoryPath);
  for (const [key, count] of bands) {
    const [currency, band] = key.split(':');
    if (count > 0) facets.prices.push({ range: bandOf(currency!, Number(band)), count });
  }
  sortFacets(facets);
  const totalsWithout: EngineSearchResult['totalsWithout'] = {};
  if (f.supplierIds.length) totalsWithout.supplier = withoutSupplier;
  if (f.catalogIds.length) totalsWithout.catalog = withoutCatalog;
  if (f.categoryPath !== null) totalsWithout.category = noCategory;
  if (f.manufacturers.length) totalsWithout.manufacturer = noMaker;
  if (f.price) totalsWithout.price = [...bands.values()].reduce((a, b) => a + b, 0);

  const bytes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0); // as SQLite's BINARY collation
  const byName = (a: Ranked, b: Ranked) => bytes(a.hit.nameSort, b.hit.nameSort) || bytes(a.hit.sku, b.hit.sku) || a.hit.id - b.hit.id;
  const order = o.sort === 'price' ? (a: Ranked, b: Ranked) => bytes(a.hit.currency, b.hit.currency) || a.net - b.net || byName(a, b)
    : o.sort === 'name' ? byName : (a: Ranked, b: Ranked) => b.score - a.score || byName(a, b);
  codeHits.sort(byName);
  const codeIds = new Set(codeHits.map((h) => h.hit.id));
  const merged = [...codeHits, ...ranked.filter((r) => !codeIds.has(r.hit.id)).sort(order)];
  return { total, hits: merged.slice(o.offset, o.offset + req.pageSize).map(toEngineHit), facets, totalsWithout, corrections: [] };
}
