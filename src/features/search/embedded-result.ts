import type { DocTable } from './embedded-doc-table.server.ts';
import { binaryCompare } from './embedded-doc-table.server.ts';
import type { EngineFacets, EngineSearchRequest, EngineSearchResult, FacetName } from './search-port.ts';
import { MAX_TOTAL_HITS } from './search-port.ts';
import { bandIndex, bandOf } from './price-bands.ts';

/** The rows FTS5 matched (every visible row for an empty query), with their tier and bm25 score. */
export interface Candidates { rows: ArrayLike<number>; tiers: Uint8Array; scores: Float64Array | null }

/** A hit of the requested page: its table row, tier (0 code, 1 exact, 2 corrected) and net price. */
export interface PageRow { row: number; tier: number; net: number }

const FACETS: FacetName[] = ['supplier', 'catalog', 'category', 'manufacturer', 'price'];

/**
 * Totals, facet counts and the requested page of hits over the candidates, in one pass: the same
 * figures and order the SQL form gave (facets ignore their own filter; categories are the chosen
 * one's children; order by tier, score, name, SKU, item for relevance).
 */
export function evaluateCandidates(table: DocTable, nets: Float64Array, candidates: Candidates, req: EngineSearchRequest): { result: EngineSearchResult; page: PageRow[] } {
  const f = req.filters;
  const suppliers = new Set(f.supplierIds);
  const catalogs = new Set(f.catalogIds);
  const makers = new Set(f.manufacturers.map((m) => table.manufacturers.indexOf(m)).filter((i) => i >= 0));
  const priceCurrency = f.price ? table.currencies.indexOf(f.price.currency) : -1;
  const parent = f.categoryPath;
  const underParent = new Map<number, boolean>();
  const childKey = new Map<number, string | null>();
  const inCategory = (cat: number) => {
    let v = underParent.get(cat);
    if (v === undefined) { const p = table.categories[cat]!; v = p === parent || p.startsWith(parent + ' > '); underParent.set(cat, v); }
    return v;
  };
  const childOf = (cat: number) => {
    let v = childKey.get(cat);
    if (v === undefined) { v = childCategory(table.categories[cat]!, parent); childKey.set(cat, v); }
    return v;
  };

  const counts = { supplier: new Map<number, number>(), catalog: new Map<number, number>(), manufacturer: new Map<string, number>(), category: new Map<string, number>(), price: new Map<string, number>() };
  const without: Partial<Record<FacetName, number>> = {};
  const active = FACETS.filter((n) => (n === 'supplier' ? suppliers.size : n === 'catalog' ? catalogs.size : n === 'category' ? parent !== null : n === 'manufacturer' ? f.manufacturers.length : f.price !== null));
  for (const n of active) without[n] = 0;
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const matched: number[] = [];
  let total = 0;

  for (let i = 0; i < candidates.rows.length; i++) {
    const r = candidates.rows[i]!;
    const net = nets[r]!;
    if (Number.isNaN(net)) continue;
    const okSupplier = suppliers.size === 0 || suppliers.has(table.supplierOrgId[r]!);
    const okCatalog = catalogs.size === 0 || catalogs.has(table.catalogId[r]!);
    const okCategory = parent === null || inCategory(table.category[r]!);
    const maker = table.manufacturer[r]!;
    const okMaker = f.manufacturers.length === 0 || makers.has(maker);
    const okPrice = !f.price || (table.currency[r] === priceCurrency && net >= f.price.loMinor && (f.price.hiMinor === null || net < f.price.hiMinor));
    const fails = (okSupplier ? 0 : 1) + (okCatalog ? 0 : 1) + (okCategory ? 0 : 1) + (okMaker ? 0 : 1) + (okPrice ? 0 : 1);
    if (fails > 1) continue;
    if (fails === 0) {
      total++;
      matched.push(i);
      const child = childOf(table.category[r]!);
      if (child !== null) bump(counts.category, child);
      for (const n of active) without[n]!++;
    }
    // A facet counts the rows that pass every filter but its own.
    if (okCatalog && okCategory && okMaker && okPrice) bump(counts.supplier, table.supplierOrgId[r]!);
    if (okSupplier && okCategory && okMaker && okPrice) bump(counts.catalog, table.catalogId[r]!);
    if (okSupplier && okCatalog && okCategory && okPrice && maker >= 0) bump(counts.manufacturer, table.manufacturers[maker]!);
    if (okSupplier && okCatalog && okCategory && okMaker) {
      const currency = table.currencies[table.currency[r]!]!;
      bump(counts.price, `${currency}:${bandIndex(currency, net)}`);
    }
    if (fails === 1) {
      const missed: FacetName = !okSupplier ? 'supplier' : !okCatalog ? 'catalog' : !okCategory ? 'category' : !okMaker ? 'manufacturer' : 'price';
      if (missed in without) without[missed]!++;
    }
  }

  const facets: EngineFacets = {
    suppliers: [...counts.supplier].map(([value, count]) => ({ value, count })),
    catalogs: [...counts.catalog].map(([value, count]) => ({ value, count })),
    manufacturers: [...counts.manufacturer].map(([value, count]) => ({ value, count })),
    categories: [...counts.category].map(([value, count]) => ({ value, count })),
    prices: [...counts.price].map(([key, count]) => { const [currency, band] = key.split(':'); return { range: bandOf(currency!, Number(band)), count }; }),
  };
  const page = pageOf(table, nets, candidates, matched, req);
  return { result: { total, hits: [], facets, totalsWithout: without, corrections: [] }, page };
}

/** The child level of `parent` a category falls in (a top level for null); null when none. */
function childCategory(path: string, parent: string | null): string | null {
  const first = (text: string) => { const at = text.indexOf(' > '); return at >= 0 ? text.slice(0, at) : text; };
  if (parent === null) return path === '' ? null : first(path);
  const prefix = parent + ' > ';
  return path.startsWith(prefix) && path.length > prefix.length ? prefix + first(path.slice(prefix.length)) : null;
}

function pageOf(table: DocTable, nets: Float64Array, c: Candidates, matched: number[], req: EngineSearchRequest): PageRow[] {
  const offset = Math.min((req.page - 1) * req.pageSize, MAX_TOTAL_HITS);
  const limit = Math.max(0, Math.min(req.pageSize, MAX_TOTAL_HITS - offset));
  if (limit === 0) return [];
  const rank = table.nameRank;
  const row = (i: number) => c.rows[i]!;
  const byName = (a: number, b: number) => rank[row(a)]! - rank[row(b)]!;
  const order = req.sort === 'name' ? byName
    : req.sort === 'price' ? (a: number, b: number) => binaryCompare(table.currencies[table.currency[row(a)]!]!, table.currencies[table.currency[row(b)]!]!) || nets[row(a)]! - nets[row(b)]! || byName(a, b)
    : (a: number, b: number) => c.tiers[a]! - c.tiers[b]! || (c.scores ? c.scores[a]! - c.scores[b]! : 0) || byName(a, b);
  return topOf(matched, offset + limit, order).slice(offset).map((i) => ({ row: row(i), tier: c.tiers[i]!, net: nets[row(i)]! }));
}

/** The first `k` of `items` in order, without sorting all of them when k is small. */
function topOf(items: number[], k: number, order: (a: number, b: number) => number): number[] {
  if (items.length <= k * 4) return items.sort(order).slice(0, k);
  // Keep a sorted window of k: most candidates are rejected by one comparison with its last.
  const top: number[] = [];
  for (const item of items) {
    if (top.length === k && order(item, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (order(top[mid]!, item) <= 0) lo = mid + 1; else hi = mid; }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}
