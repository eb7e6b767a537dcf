import { afterAll, beforeAll, expect, test } from 'vitest';
import { openSearchWorld, type Row, type SearchWorld } from './search-world.ts';
import { EmbeddedSearchEngine, RANK_CAP, matchesAtLeast } from '#features/search/embedded-engine.server.ts';
import { NO_FILTERS, type EngineSearchResult } from '#features/search/search-port.ts';
import { loadDocTable } from '#features/search/embedded-doc-table.server.ts';
import { sql } from 'drizzle-orm';
import { databaseFileOf, registerDatabaseFile } from '#db/database-file.ts';

// A word in every item's description: more matches than the embedded engine scores with bm25.
// Past that cap relevance ranks by the field the word is found in (name first); the total, the
// facets and the buyer's prices stay exact, and paging still walks every hit once.

const ITEMS = 1_800;
const rows: Row[] = Array.from({ length: ITEMS }, (_, i) => [
  `W-${String(i).padStart(4, '0')}`,
  i % 40 === 0 ? `Widget holder ${i}` : `Bracket ${i}`,
  i % 3 === 0 ? 'Tools > Mounting' : i % 3 === 1 ? 'Tools > Fixing' : 'Prototypes', // Prototypes are outside the buyer's view
  (10 + (i % 50)).toFixed(2),
  i % 2 ? 'Bosch' : 'Makita', '', '', 'Steel widget for mounting on walls.',
]);
const visible = rows.filter((r) => r[2] !== 'Prototypes');
const named = visible.filter((r) => r[1].startsWith('Widget'));

let w: SearchWorld;
let engine: EmbeddedSearchEngine;
let scope: Awaited<ReturnType<SearchWorld['scopeOf']>>['scope'];
beforeAll(async () => {
  w = await openSearchWorld();
  await w.publish(w.ids.tools, rows);
  engine = new EmbeddedSearchEngine(w.db);
  scope = (await w.scopeOf('buyer')).scope;
}, 120_000);
afterAll(() => w?.close());

const search = (text: string, page = 1, pageSize = 20, sort: 'relevance' | 'name' = 'relevance'): Promise<EngineSearchResult> =>
  engine.search({ scope, text, filters: NO_FILTERS, sort, page, pageSize });
const plain = (pieces: Array<{ text: string }>) => pieces.map((p) => p.text).join('');

/** The world's database, counting the statements the engine sends through it (and still known by its file, for the publish's word list). */
function countingStatements(): { db: SearchWorld['db']; statements: number } {
  const counter = { db: w.db, statements: 0 };
  counter.db = new Proxy(w.db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'all' || typeof value !== 'function') return value;
      return (...args: unknown[]) => { counter.statements++; return (value as (...a: unknown[]) => unknown).apply(target, args); };
    },
  });
  registerDatabaseFile(counter.db, databaseFileOf(w.db)!);
  return counter;
}

test('the fixture matches more items than bm25 ranks', () => {
  expect(visible.length).toBeGreaterThan(RANK_CAP);
});

test('items with the word in their name come first, and the count, facets and prices stay exact', async () => {
  const first = await search('widget');
  expect(first.total).toBe(visible.length);
  expect(first.hits).toHaveLength(20);
  for (const hit of first.hits) {
    expect(plain(hit.name)).toMatch(/^Widget holder/);
    // The word is marked where it was found: in the name, and in the description's snippet.
    expect(hit.name.filter((p) => p.match).map((p) => p.text)).toEqual(['Widget']);
    expect(hit.description.filter((p) => p.match).map((p) => p.text)).toEqual(['widget']);
  }
  expect(first.facets.categories).toEqual([{ value: 'Tools', count: visible.length }]);
  expect(first.facets.manufacturers.reduce((n, m) => n + m.count, 0)).toBe(visible.length);
  // 10 % off the list price under the buyer's agreement, for every hit.
  const listOf = new Map(rows.map((r) => [r[0], Math.round(Number(r[3]) * 100)]));
  for (const hit of first.hits) expect(hit.netMinor).toBe(Math.floor((listOf.get(plain(hit.sku))! * 9_000 + 5_000) / 10_000));
});

test('pages walk through every hit once, the named ones before the rest', async () => {
  const seen: string[] = [];
  for (let page = 1; page <= Math.ceil(visible.length / 100); page++) seen.push(...(await search('widget', page, 100)).hits.map((h) => plain(h.sku)));
  expect(seen).toHaveLength(visible.length);
  expect(new Set(seen).size).toBe(visible.length);
  expect(new Set(seen.slice(0, named.length))).toEqual(new Set(named.map((r) => r[0])));
});

test('sorting by name is unchanged by the cap', async () => {
  const r = await search('widget', 1, 5, 'name');
  expect(r.hits.map((h) => plain(h.name))).toEqual(['Bracket 1', 'Bracket 3', 'Bracket 4', 'Bracket 6', 'Bracket 7']);
});

test('the name order read along its index in small steps is the order of one sort', async () => {
  const stepped = await loadDocTable(w.db, -1, 97);
  const sorted = await w.db.all<{ id: number }>(sql`SELECT item_id AS id FROM search_fts_documents ORDER BY name_sort, sku, item_id`);
  expect(sorted.length).toBe(stepped.size);
  const byRank = new Array<number>(stepped.size);
  for (let row = 0; row < stepped.size; row++) byRank[stepped.nameRank[row]!] = stepped.itemId[row]!;
  expect(byRank).toEqual(sorted.map((r) => r.id));
});

test('a typed code ranks the items holding it first, found per candidate or in one search of all codes', async () => {
  const oneByOne = new EmbeddedSearchEngine(w.db, { markCodesFrom: Number.MAX_SAFE_INTEGER, matchesKept: 0 });
  const allAtOnce = new EmbeddedSearchEngine(w.db, { markCodesFrom: 0, matchesKept: 0 });
  const hits = async (e: EmbeddedSearchEngine, text: string) => (await e.search({ scope, text, filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 5 })).hits.map((h) => `${plain(h.sku)}${h.codeMatch ? ' (code)' : ''}`);
  for (const text of ['W-0042', 'w0300', 'W-0042 steel']) expect(await hits(allAtOnce, text)).toEqual(await hits(oneByOne, text));
  expect((await hits(allAtOnce, 'W-0042'))[0]).toBe('W-0042 (code)');
  // One word that is its own code is asked of FTS5 once, every column at a time, and still ranks the code first.
  expect((await hits(allAtOnce, 'w0300'))[0]).toBe('W-0300 (code)');
  expect((await hits(oneByOne, 'w0300'))[0]).toBe('W-0300 (code)');
});

test('a word the counts already show past the cap skips the bm25 pass, with the same hits in the same order', async () => {
  const counted = countingStatements();
  const run = async (floorFromCounts: boolean) => {
    const e = new EmbeddedSearchEngine(counted.db, { matchesKept: 0, floorFromCounts });
    const ask = () => e.search({ scope, text: 'steel', filters: NO_FILTERS, sort: 'relevance', page: 2, pageSize: 50 });
    await ask(); // reads the document table and the word list
    counted.statements = 0;
    const result = await ask();
    return { statements: counted.statements, total: result.total, skus: result.hits.map((h) => plain(h.sku)), facets: result.facets };
  };
  const skipping = await run(true);
  const scoring = await run(false);
  expect(skipping.total).toBe(visible.length);
  expect(skipping.skus).toEqual(scoring.skus);
  expect(skipping.facets).toEqual(scoring.facets);
  expect(skipping.statements).toBe(scoring.statements - 1);
});

test('a word in one category path and every description ranks that category first', async () => {
  const categoryOf = new Map(rows.map((r) => [r[0], r[2]]));
  const inMounting = visible.filter((r) => r[2] === 'Tools > Mounting').length;
  expect(inMounting).toBe(600);
  const seen: string[] = [];
  for (let page = 1; page <= Math.ceil(visible.length / 100); page++) seen.push(...(await search('mounting', page, 100)).hits.map((h) => categoryOf.get(plain(h.sku))!));
  expect(seen).toEqual([...Array<string>(inMounting).fill('Tools > Mounting'), ...Array<string>(visible.length - inMounting).fill('Tools > Fixing')]);
});

test('several words, each in another field and never all in one, rank as found in the description', async () => {
  // "bracket" is in 1,170 visible names, "mounting" in half of them by category and in every
  // description: no one field holds both, so no item outranks another and relevance reads as
  // the name order (the category's items must not come first for holding one of the words).
  const both = visible.filter((r) => r[1].startsWith('Bracket'));
  expect(both.length).toBeGreaterThan(RANK_CAP);
  const byRelevance = await search('bracket mounting', 1, 100);
  const byName = await search('bracket mounting', 1, 100, 'name');
  expect(byRelevance.total).toBe(both.length);
  expect(byRelevance.hits.map((h) => plain(h.sku))).toEqual(byName.hits.map((h) => plain(h.sku)));
});

test('fields the words are not in together are not asked, with the same hits in the same order', async () => {
  // The publish wrote which fields hold each word: "mounting" is in category paths and
  // descriptions only, so of the fields before the description only the category is asked;
  // "bracket" (names) and "mounting" share the description alone, so no field is asked.
  const counted = countingStatements();
  const run = async (text: string, fieldsFromWords: boolean) => {
    const e = new EmbeddedSearchEngine(counted.db, { matchesKept: 0, fieldsFromWords });
    const ask = () => e.search({ scope, text, filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 700 });
    await ask(); // reads the document table and the word list
    counted.statements = 0;
    const result = await ask();
    return { statements: counted.statements, total: result.total, skus: result.hits.map((h) => plain(h.sku)) };
  };
  for (const [text, fewer] of [['mounting', 5], ['bracket mounting', 6]] as const) {
    const narrowed = await run(text, true);
    const everyField = await run(text, false);
    expect(narrowed.total).toBeGreaterThan(RANK_CAP);
    expect(narrowed.total).toBe(everyField.total);
    expect(narrowed.skus).toEqual(everyField.skus);
    expect(narrowed.statements).toBe(everyField.statements - fewer);
  }
});

test('the floor under an AND of words is what every document must share', () => {
  expect(matchesAtLeast([], 100)).toBe(0);
  expect(matchesAtLeast([70], 100)).toBe(70);
  // Two words in 70 and 60 of 100 documents: at least 30 hold both.
  expect(matchesAtLeast([70, 60], 100)).toBe(30);
  expect(matchesAtLeast([40, 50], 100)).toBe(0);
  expect(matchesAtLeast([100, 100, 100], 100)).toBe(100);
});
