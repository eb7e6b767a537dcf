import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DocTable } from './embedded-doc-table.server.ts';
import { binaryCompare } from './embedded-doc-table.server.ts';
import type { EngineFacets, EngineSearchRequest, EngineSearchResult, FacetName } from './search-port.ts';
import { MAX_TOTAL_HITS } from './search-port.ts';
import { BAND_COUNT, bandAmong, bandEdges, bandOf } from './price-bands.ts';

/** The rows FTS5 matched (every visible row for an empty query), with their tier and bm25 score. */
export interface Candidates { rows: ArrayLike<number>; tiers: Uint8Array; scores: Float64Array | null }

/** A hit of the requested page: its table row, tier (0 code, 1 exact, 2 corrected) and net price. */
export interface PageRow { row: number; tier: number; net: number }

const FACETS: FacetName[] = ['supplier', 'catalog', 'category', 'manufacturer', 'price'];

/**
 * Candidates looked at between two yields to the event loop: a word in every item of a
 * 100,000-item index gave one pass of 40-50 ms under load, every other request of the process
 * waiting behind it.
 */
const SLICE = 16_384;

/**
 * Totals, facet counts and the requested page of hits over the candidates, in one pass over
 * typed arrays (facets ignore their own filter; categories are the chosen
 * one's children; order by tier, score, name, SKU, item for relevance), in slices.
 */
export async function evaluateCandidates(table: DocTable, nets: Float64Array, candidates: Candidates, req: EngineSearchRequest): Promise<{ result: EngineSearchResult; page: PageRow[] }> {
  const f = req.filters;
  const suppliers = new Set(f.supplierIds);
  const catalogs = new Set(f.catalogIds);
  const chosenMakers = new Set(f.manufacturers);
  // Per manufacturer slot, shifted by one so "none" (-1) has a place.
  const makerOk = Uint8Array.from([null, ...table.manufacturers], (m) => (chosenMakers.size === 0 || (m !== null && chosenMakers.has(m)) ? 1 : 0));
  const priceCurrency = f.price ? table.currencies.indexOf(f.price.currency) : -1;
  const parent = f.categoryPath;
  // Per category (a few hundred), asked once: inside the chosen one? which child level is it in?
  const children: string[] = [];
  const childIds = new Map<string, number>();
  const inCategory = new Uint8Array(table.categories.length);
  const childSlot = new Int32Array(table.categories.length);
  table.categories.forEach((path, cat) => {
    inCategory[cat] = parent === null || path === parent || path.startsWith(parent + ' > ') ? 1 : 0;
    const child = childCategory(path, parent);
    let slot = child === null ? -1 : childIds.get(child);
    if (slot === undefined) { slot = children.length; children.push(child!); childIds.set(child!, slot); }
    childSlot[cat] = slot;
  });
  const supplierOk = Uint8Array.from(table.supplierIds, (id) => (suppliers.size === 0 || suppliers.has(id) ? 1 : 0));
  const catalogOk = Uint8Array.from(table.catalogIds, (id) => (catalogs.size === 0 || catalogs.has(id) ? 1 : 0));
  const edges = table.currencies.map((c) => bandEdges(c));
  const bands = BAND_COUNT;

  // Counters in small arrays indexed by the table's slots: no map or string per row.
  const counts = {
    supplier: new Int32Array(table.supplierIds.length), catalog: new Int32Array(table.catalogIds.length), manufacturer: new Int32Array(table.manufacturers.length),
    category: new Int32Array(children.length), price: new Int32Array(table.currencies.length * bands),
  };
  const missedOnly = new Int32Array(FACETS.length);
  const matched = new Int32Array(candidates.rows.length);
  const pass: Pass = { table, nets, rows: candidates.rows, filters: f, supplierOk, catalogOk, inCategory, makerOk, childSlot, priceCurrency, edges, counts, missedOnly, matched };
  let total = 0;
  // The loop itself is a plain function: inside an async one, the values it uses across the
  // yields would live in the suspended function's context rather than in registers.
  for (let from = 0; from < candidates.rows.length; from += SLICE) {
    if (from > 0) await nextTurn();
    total = countSlice(pass, from, Math.min(from + SLICE, candidates.rows.length), total);
  }

  const active: Record<FacetName, boolean> = { supplier: suppliers.size > 0, catalog: catalogs.size > 0, category: parent !== null, manufacturer: f.manufacturers.length > 0, price: f.price !== null };
  const without: Partial<Record<FacetName, number>> = {};
  FACETS.forEach((n, k) => { if (active[n]) without[n] = total + missedOnly[k]!; });
  const listed = <V>(values: readonly V[], counted: Int32Array) => values.flatMap((value, k) => (counted[k]! > 0 ? [{ value, count: counted[k]! }] : []));
  const facets: EngineFacets = {
    suppliers: listed(table.supplierIds, counts.supplier),
    catalogs: listed(table.catalogIds, counts.catalog),
    manufacturers: listed(table.manufacturers, counts.manufacturer),
    categories: listed(children, counts.category),
    prices: [...counts.price].flatMap((count, k) => (count > 0 ? [{ range: bandOf(table.currencies[Math.floor(k / bands)]!, k % bands), count }] : [])),
  };
  const page = await pageOf(table, nets, candidates, matched.subarray(0, total), req);
  return { result: { total, hits: [], facets, totalsWithout: without, corrections: [] }, page };
}

interface Pass {
  table: DocTable; nets: Float64Array; rows: ArrayLike<number>; filters: EngineSearchRequest['filters'];
  supplierOk: Uint8Array; catalogOk: Uint8Array; inCategory: Uint8Array; makerOk: Uint8Array; childSlot: Int32Array; priceCurrency: number; edges: number[][];
  counts: { supplier: Int32Array; catalog: Int32Array; manufacturer: Int32Array; category: Int32Array; price: Int32Array };
  missedOnly: Int32Array; matched: Int32Array;
}

/** Candidates `from` to `to` counted into the pass; `total` matched so far in, the new total out. */
function countSlice(pass: Pass, from: number, to: number, total: number): number {
  const { table, nets, rows, filters: f, supplierOk, catalogOk, inCategory, makerOk, childSlot, priceCurrency, edges, counts, missedOnly, matched } = pass;
  const bands = BAND_COUNT;
  for (let i = from; i < to; i++) {
    const r = rows[i]!;
    const net = nets[r]!;
    if (Number.isNaN(net)) continue;
    const okSupplier = supplierOk[table.supplierSlot[r]!] === 1;
    const okCatalog = catalogOk[table.catalogSlot[r]!] === 1;
    const okCategory = inCategory[table.category[r]!] === 1;
    const maker = table.manufacturer[r]!;
    const okMaker = makerOk[maker + 1] === 1;
    const okPrice = !f.price || (table.currency[r] === priceCurrency && net >= f.price.loMinor && (f.price.hiMinor === null || net < f.price.hiMinor));
    const fails = (okSupplier ? 0 : 1) + (okCatalog ? 0 : 1) + (okCategory ? 0 : 1) + (okMaker ? 0 : 1) + (okPrice ? 0 : 1);
    if (fails > 1) continue;
    if (fails === 0) {
      matched[total++] = i;
      const child = childSlot[table.category[r]!]!;
      if (child >= 0) counts.category[child]!++;
    }
    // A facet counts the rows that pass every filter but its own.
    if (okCatalog && okCategory && okMaker && okPrice) counts.supplier[table.supplierSlot[r]!]!++;
    if (okSupplier && okCatalog && okCategory && okPrice) counts.catalog[table.catalogSlot[r]!]!++;
    if (okSupplier && okCatalog && okCategory && okPrice && maker >= 0) counts.manufacturer[maker]!++;
    if (okSupplier && okCatalog && okCategory && okMaker) {
      const currency = table.currency[r]!;
      counts.price[currency * bands + bandAmong(edges[currency]!, net)]!++;
    }
    if (fails === 1) missedOnly[!okSupplier ? 0 : !okCatalog ? 1 : !okCategory ? 2 : !okMaker ? 3 : 4]!++;
  }
  return total;
}

/** The child level of `parent` a category falls in (a top level for null); null when none. */
function childCategory(path: string, parent: string | null): string | null {
  const first = (text: string) => { const at = text.indexOf(' > '); return at >= 0 ? text.slice(0, at) : text; };
  if (parent === null) return path === '' ? null : first(path);
  const prefix = parent + ' > ';
  return path.startsWith(prefix) && path.length > prefix.length ? prefix + first(path.slice(prefix.length)) : null;
}

async function pageOf(table: DocTable, nets: Float64Array, c: Candidates, matched: Int32Array, req: EngineSearchRequest): Promise<PageRow[]> {
  const offset = Math.min((req.page - 1) * req.pageSize, MAX_TOTAL_HITS);
  const limit = Math.max(0, Math.min(req.pageSize, MAX_TOTAL_HITS - offset));
  if (limit === 0) return [];
  const rank = table.nameRank;
  const row = (i: number) => c.rows[i]!;
  const byName = (a: number, b: number) => rank[row(a)]! - rank[row(b)]!;
  // Currencies in SQLite's order, worked out once: not two strings compared per comparison.
  const currencyRank = Int32Array.from(table.currencies, (code) => table.currencies.filter((other) => binaryCompare(other, code) < 0).length);
  const currencyOf = (i: number) => currencyRank[table.currency[row(i)]!]!;
  const order = req.sort === 'name' ? byName
    : req.sort === 'price' ? (a: number, b: number) => currencyOf(a) - currencyOf(b) || nets[row(a)]! - nets[row(b)]! || byName(a, b)
    : (a: number, b: number) => c.tiers[a]! - c.tiers[b]! || (c.scores ? c.scores[a]! - c.scores[b]! : 0) || byName(a, b);
  return (await topOf(matched, offset + limit, order)).slice(offset).map((i) => ({ row: row(i), tier: c.tiers[i]!, net: nets[row(i)]! }));
}

/** The first `k` of `items` in order, without sorting all of them when k is small. */
async function topOf(items: Int32Array, k: number, order: (a: number, b: number) => number): Promise<number[]> {
  if (items.length <= k * 4) return [...items].sort(order).slice(0, k);
  // Keep a sorted window of k: most candidates are rejected by one comparison with its last.
  const top: number[] = [];
  for (let from = 0; from < items.length; from += SLICE) {
    if (from > 0) await nextTurn();
    keepTop(items, from, Math.min(from + SLICE, items.length), k, order, top);
  }
  return top;
}

/** Items `from` to `to` put into the sorted window `top` of at most `k`. */
function keepTop(items: Int32Array, from: number, to: number, k: number, order: (a: number, b: number) => number, top: number[]): void {
  for (let at = from; at < to; at++) {
    const item = items[at]!;
    if (top.length === k && order(item, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (order(top[mid]!, item) <= 0) lo = mid + 1; else hi = mid; }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
}
