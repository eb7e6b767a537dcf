import { expect, test } from 'vitest';
import { PackedStrings } from '#kernel/packed-strings.ts';
import type { DocTable } from './embedded-doc-table.server.ts';
import { evaluateCandidates } from './embedded-result.ts';
import { NO_FILTERS, type EngineSearchRequest } from './search-port.ts';

// 40,000 candidates: more than one slice, so the counts and the page must come out whole
// across the yields. Currencies are listed USD first, yet sort EUR first, as SQLite orders them.
const N = 40_000;
const table: DocTable = {
  generation: 1, size: N,
  itemId: Int32Array.from({ length: N }, (_, i) => i + 1),
  catalogId: Int32Array.from({ length: N }, (_, i) => (i % 2 ? 1 : 2)),
  revisionId: Int32Array.from({ length: N }, (_, i) => (i % 2 ? 10 : 20)),
  listUnitMinor: Float64Array.from({ length: N }, (_, i) => i),
  catalogSlot: Int32Array.from({ length: N }, (_, i) => i % 2),
  supplierSlot: new Int32Array(N),
  catalogIds: [2, 1], supplierIds: [7],
  category: Int32Array.from({ length: N }, (_, i) => i % 3),
  manufacturer: Int32Array.from({ length: N }, (_, i) => (i % 5 === 0 ? -1 : i % 4)),
  currency: Int32Array.from({ length: N }, (_, i) => i % 2),
  categories: ['A > x', 'A > y', 'B'], manufacturers: ['m0', 'm1', 'm2', 'm3'], currencies: ['USD', 'EUR'],
  sku: PackedStrings.of(Array.from({ length: N }, (_, i) => `S-${i}`)),
  codes: PackedStrings.of(Array.from({ length: N }, (_, i) => ` S${i} `)),
  nameRank: Int32Array.from({ length: N }, (_, i) => N - 1 - i),
};
const nets = Float64Array.from({ length: N }, (_, i) => (i % 7 === 0 ? NaN : (i * 37) % 1000));
const candidates = { rows: Int32Array.from({ length: N }, (_, i) => i), tiers: new Uint8Array(N).fill(1), scores: null };
const request = (over: Partial<EngineSearchRequest>): EngineSearchRequest => ({ scope: { classes: [] } as unknown as EngineSearchRequest['scope'], text: '', filters: NO_FILTERS, sort: 'price', page: 3, pageSize: 10, ...over });

test('a broad result is counted and paged as one pass would, in slices that let other work in', async () => {
  const visible = [...candidates.rows].filter((r) => !Number.isNaN(nets[r]!));
  let turns = 0;
  let counting = true;
  const tick = () => { if (counting) { turns++; setImmediate(tick); } };
  setImmediate(tick);
  const { result, page } = await evaluateCandidates(table, nets, candidates, request({}));
  counting = false;
  expect(turns).toBeGreaterThanOrEqual(4); // two slices of counting, two of choosing the page

  expect(result.total).toBe(visible.length);
  const count = (pick: (r: number) => boolean) => visible.filter(pick).length;
  expect(result.facets.categories).toEqual(expect.arrayContaining([{ value: 'A', count: count((r) => r % 3 < 2) }, { value: 'B', count: count((r) => r % 3 === 2) }]));
  expect(result.facets.catalogs).toEqual(expect.arrayContaining([{ value: 1, count: count((r) => r % 2 === 1) }, { value: 2, count: count((r) => r % 2 === 0) }]));
  expect(result.facets.manufacturers).toEqual(expect.arrayContaining([{ value: 'm1', count: count((r) => r % 5 !== 0 && r % 4 === 1) }]));

  // Page 3 of 10 by price: EUR before USD, then the net price, then the name order.
  const currencyName = (r: number) => table.currencies[table.currency[r]!]!;
  const sorted = [...visible].sort((a, b) => (currencyName(a) < currencyName(b) ? -1 : currencyName(a) > currencyName(b) ? 1 : 0) || nets[a]! - nets[b]! || table.nameRank[a]! - table.nameRank[b]!);
  expect(page.map((p) => p.row)).toEqual(sorted.slice(20, 30));
  expect(currencyName(page[0]!.row)).toBe('EUR');
});

test('a filter on one facet still counts that facet without it, across slices', async () => {
  const visible = [...candidates.rows].filter((r) => !Number.isNaN(nets[r]!));
  const { result } = await evaluateCandidates(table, nets, candidates, request({ filters: { ...NO_FILTERS, catalogIds: [1] }, sort: 'name', page: 1 }));
  expect(result.total).toBe(visible.filter((r) => r % 2 === 1).length);
  expect(result.totalsWithout.catalog).toBe(visible.length);
});
