import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import { buildSearchScope } from '#features/search/search-scope.server.ts';
import { loadDocTable, type DocTable } from '#features/search/embedded-doc-table.server.ts';
import { scopeNetPrices } from '#features/search/embedded-scope-prices.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { searchForBuyer } from '#features/search/buyer-search.server.ts';
import { readVocabulary } from '#features/search/embedded-vocabulary.server.ts';
import { Vocabulary } from '#features/search/vocabulary.ts';
import { publishWithNewPrices } from '#tests/e2e/buyer-support/publish.ts';
import { join } from 'node:path';

// The demo world: what the demo buyers see on /search.
describe('buyer search on the demo catalogs', () => {
  let t: TempDatabase;
  let engine: EmbeddedSearchEngine;
  const orgId = async (slug: string) => (await t.database.db.all<{ id: number }>(sql`SELECT id FROM organizations WHERE slug = ${slug}`))[0]!.id;
  const ctxOf = async (slug: string) => openBrowseContext(t.database.db, await resolveBuyerScope(t.database.db, await orgId(slug), new Date()));
  const page = async (slug: string, query: string) => searchForBuyer({ db: t.database.db, engine }, await ctxOf(slug), new URL(`http://vitrine.test/search?${query}`));

  beforeAll(async () => {
    t = await openTempDatabase();
    await seedDemo(t.database, { mediaDir: t.mediaDir });
    engine = new EmbeddedSearchEngine(t.database.db);
  }, 120_000);
  afterAll(() => t.close());

  test('the vocabulary read in chunks by term knows what the whole word list knows', async () => {
    const rows = await t.database.db.all<{ term: string; docs: number }>(sql`SELECT term, doc AS docs FROM search_fts_vocab`);
    const whole = Vocabulary.of(rows);
    const chunked = await readVocabulary(t.database.db, 97);
    expect(rows.length).toBeGreaterThan(1000);
    expect(chunked.size).toBe(rows.length);
    for (const { term } of rows.filter((_, i) => i % 7 === 0)) {
      expect(chunked.has(term)).toBe(true);
      expect(chunked.hasPrefix(term.slice(0, 3))).toBe(true);
      expect(chunked.corrections(`${term}x`)).toEqual(whole.corrections(`${term}x`));
    }
    expect(chunked.corrections('screwz')).toEqual(whole.corrections('screwz'));
    expect(chunked.has('zzznotaword')).toBe(false);
  });

  /** Every row's net price as search works it out, against the pricing module, for both demo customers. */
  async function expectPricesOfPricingModule(table: DocTable): Promise<void> {
    const db = t.database.db;
    const items = new Map((await db.all<{ id: number; catalog_id: number; sku: string; category_path: string; price_minor: number; tiers: string; currency: string }>(sql`
      SELECT d.item_id AS id, d.catalog_id, d.sku, d.category_path, i.price_minor, i.tiers, d.currency FROM search_fts_documents d JOIN items i ON i.id = d.item_id`)).map((r) => [r.id, r]));
    expect(table.size).toBeGreaterThan(2000);
    for (const slug of ['globex-manufacturing', 'initech']) {
      const ctx = await ctxOf(slug);
      const { scope } = await buildSearchScope(db, ctx);
      const nets = await scopeNetPrices(table, scope.classes);
      let visible = 0;
      for (let row = 0; row < table.size; row++) {
        const r = items.get(table.itemId[row]!)!;
        const expected = priceItem(ctx.compiled, { catalogId: r.catalog_id, sku: r.sku, categoryPath: r.category_path, priceMinor: r.price_minor, tiers: JSON.parse(r.tiers) as PriceTier[], currency: r.currency }, 1, new Date(ctx.nowMs));
        const net = Number.isNaN(nets[row]!) ? null : nets[row];
        expect(net, `${slug} ${r.sku}`).toBe(expected?.netMinor ?? null);
        if (net !== null) visible++;
      }
      expect(visible).toBeGreaterThan(500);
    }
  }

  test('the net price search works with equals the pricing module for every demo item and buyer', async () => {
    await expectPricesOfPricingModule(await loadDocTable(t.database.db, -1));
  });

  test('Globex finds a countersunk screw by its SKU typed any way, at its fixed price', async () => {
    const [fixed] = await t.database.db.all<{ sku: string }>(sql`SELECT sku FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id WHERE c.slug = 'fasteners-2027' AND i.category_path = 'Screws > Wood screws > Countersunk' ORDER BY sku LIMIT 1`);
    for (const typed of [fixed!.sku, fixed!.sku.replace(/-/g, ''), fixed!.sku.replace(/-/g, ' ').toLowerCase()]) {
      const model = await page('globex-manufacturing', `q=${encodeURIComponent(typed)}`);
      expect(model.results[0]!.item.sku, typed).toBe(fixed!.sku);
      expect(model.results[0]!.codeMatch).toBe(true);
      expect(model.results[0]!.item.price.rule.kind).toBe('fixed');
    }
  });

  test('a typo is corrected and said so', async () => {
    const model = await page('globex-manufacturing', 'q=countresunk');
    expect(model.total).toBeGreaterThan(100);
    expect(model.corrections).toEqual([{ word: 'countresunk', replacements: ['countersunk'] }]);
  });

  test('no results: drop a filter, fix the spelling, or use fewer words, each shown only when it finds items', async () => {
    const filtered = await page('globex-manufacturing', 'q=countersunk&catalog=indoor-lighting-2027');
    expect(filtered.total).toBe(0);
    expect(filtered.help!.removeFilter).toEqual([{ label: 'Remove the catalog filter', href: '/search?q=countersunk', count: expect.any(Number) }]);
    const spelled = await page('initech', 'q=flodlihgt');
    expect(spelled.total).toBe(0);
    expect(spelled.help!.spelling.map((s) => s.label)).toContain('floodlight');
    const words = await page('initech', 'q=floodlight+zebra');
    expect(words.help!.fewerWords.map((s) => s.label)).toEqual(['floodlight']);
    // Globex has no outdoor catalog: the word exists in the index, but no idea may point at it.
    const hidden = await page('globex-manufacturing', 'q=flodlihgt');
    expect(hidden.help!.spelling).toEqual([]);
  });

  test('filters from the URL that do not fit are explained, not obeyed', async () => {
    const model = await page('initech', 'q=panel&catalog=fasteners-2027&supplier=nobody&page=x');
    expect(model.problems).toEqual([
      '"x" is not a page number; showing the first page.',
      'None of your catalogs comes from a supplier "nobody"; that filter was left out.',
      '"fasteners-2027" is not one of your catalogs; that filter was left out.',
    ]);
    expect(model.total).toBeGreaterThan(0);
    expect(model.results.every((r) => r.item.catalog.slug !== 'fasteners-2027')).toBe(true);
  });

  test('facet links carry the whole state and the category drills down', async () => {
    const top = await page('initech', 'q=led');
    const indoor = top.facets.categories.find((c) => c.label === 'Indoor')!;
    expect(indoor.href).toBe('/search?q=led&category=Indoor');
    const down = await page('initech', 'q=led&category=Indoor&sort=price');
    expect(down.facets.categoryTrail.map((c) => c.label)).toEqual(['All categories', 'Indoor']);
    expect(down.facets.categories.every((c) => c.href.startsWith('/search?q=led&category=Indoor+%3E+') && c.href.endsWith('&sort=price'))).toBe(true);
    const nets = down.results.map((r) => r.item.price.netMinor);
    expect(nets).toEqual([...nets].sort((a, b) => a - b));
    expect(down.active).toEqual([{ label: 'Category: Indoor', href: '/search?q=led&sort=price' }]);
  });

  // Last: it changes the demo's prices for what follows.
  test('after a catalog is published again, the prices are still the pricing module\'s: the other catalogs\' kept, the new revision\'s worked out', async () => {
    const db = t.database.db;
    const [screw] = await db.all<{ sku: string }>(sql`SELECT sku FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id WHERE c.slug = 'fasteners-2027' ORDER BY sku LIMIT 1`);
    await publishWithNewPrices(`file:${join(t.dir, 'test.db')}`, t.mediaDir, 'fasteners-2027', { [screw!.sku]: 123_45 });
    const [generation] = await db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'generation'`);
    await expectPricesOfPricingModule(await loadDocTable(db, generation!.value));
  });
});
