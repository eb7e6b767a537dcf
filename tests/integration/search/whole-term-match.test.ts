import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openSearchWorld, TOOLS, type Row, type SearchWorld } from './search-world.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { NO_FILTERS } from '#features/search/search-port.ts';

// A typed word the index holds, and no longer word begins, is searched as a whole term rather
// than a prefix (fts-match.ts): the same hits in the same bm25 order, without FTS5 merging the
// prefix's doclist. A word that begins another keeps its prefix, and so does a word once a
// publish brings a longer one.

const HEX: Row[] = [
  ['H-1', 'Hex key hex 4 mm', 'Tools > Keys', '3.00', 'Wera', '', '', 'Hex key.'],
  ['H-2', 'Hex key set', 'Tools > Keys', '12.00', 'Wera', '', '', 'Nine keys in a holder.'],
  ['H-3', 'Allen key long arm', 'Tools > Keys', '4.00', 'Bondhus', '', '', 'Also known as a hex key, with a ball end for angled work on hex screws.'],
  ['H-4', 'Screw assortment', 'Tools > Fixing', '8.00', 'Hex Fasteners', '', '', 'Mixed screws.'],
  ['B-1', 'Carriage bolt M8', 'Tools > Fixing', '0.40', 'Würth', '', '', 'Zinc plated.'],
  ['B-2', 'Bolts assortment', 'Tools > Fixing', '15.00', 'Würth', '', '', 'Many sizes.'],
];

let w: SearchWorld;
let engine: EmbeddedSearchEngine;
beforeAll(async () => {
  w = await openSearchWorld();
  await w.publish(w.ids.tools, [...TOOLS, ...HEX]);
  engine = new EmbeddedSearchEngine(w.db);
}, 120_000);
afterAll(() => w?.close());

const skus = async (text: string) => {
  const { scope } = await w.scopeOf('buyer');
  const r = await engine.search({ scope, text, filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 50 });
  return r.hits.map((h) => h.sku.map((p) => p.text).join(''));
};

/** The order FTS5 gives the prefix form of the engine's match, with the engine's weights. */
const prefixOrder = async (match: string) => (await w.db.all<{ sku: string }>(sql`
  SELECT d.sku FROM search_fts f JOIN search_fts_documents d ON d.item_id = f.rowid
  WHERE search_fts MATCH ${match} ORDER BY bm25(search_fts, 10.0, 8.0, 6.0, 3.0, 2.0, 1.0)`)).map((r) => r.sku);

test('a whole word finds what its prefix finds, in the same order', async () => {
  const found = await skus('hex');
  expect(found).toEqual(['H-1', 'H-2', 'H-4', 'H-3']);
  expect(found).toEqual(await prefixOrder('("hex"*) OR codes : "hex"'));
});

test('a word that begins another still finds both', async () => {
  expect(new Set(await skus('bolt'))).toEqual(new Set(['B-1', 'B-2']));
});

test('once a publish brings a longer word, the shorter one finds it too', async () => {
  await w.publish(w.ids.tools, [...TOOLS, ...HEX, ['H-5', 'Hexagon nut M6', 'Tools > Fixing', '0.10', 'Würth']]);
  expect(new Set(await skus('hex'))).toEqual(new Set(['H-1', 'H-2', 'H-3', 'H-4', 'H-5']));
});
