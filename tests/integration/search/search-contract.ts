import { beforeAll, expect, test } from 'vitest';
import type { SearchEngine, EngineSearchRequest, EngineSearchResult, SearchFilters } from '#features/search/search-port.ts';
import { NO_FILTERS } from '#features/search/search-port.ts';
import { loadHitItems } from '#features/search/load-hit-items.server.ts';
import { foldText, words } from '#features/search/normalize-text.ts';
import { itemIdOf, type SearchWorld, HIDDEN, LIGHTING, TOOLS, type Row } from './search-world.ts';
import { naturalSortKey } from '#kernel/natural-sort-key.ts';

/**
 * The behaviour every search engine must show, whatever it is built on. Called once per engine
 * (search-engines.test.ts): `setup` returns the engine with the world's documents in it.
 */
export function searchContract(world: () => SearchWorld, setup: (w: SearchWorld) => Promise<SearchEngine>): void {
  let engine: SearchEngine;
  let w: SearchWorld;
  let buyer: Awaited<ReturnType<SearchWorld['scopeOf']>>;
  let other: Awaited<ReturnType<SearchWorld['scopeOf']>>;

  beforeAll(async () => {
    w = world();
    engine = await setup(w);
    buyer = await w.scopeOf('buyer');
    other = await w.scopeOf('other');
  }, 120_000);

  const search = (text: string, change: Partial<Omit<EngineSearchRequest, 'filters' | 'scope'>> & { filters?: Partial<SearchFilters>; as?: 'buyer' | 'other' } = {}): Promise<EngineSearchResult> =>
    engine.search({ scope: (change.as === 'other' ? other : buyer).scope, text, filters: { ...NO_FILTERS, ...change.filters }, sort: change.sort ?? 'relevance', page: change.page ?? 1, pageSize: change.pageSize ?? 20 });
  const text = (pieces: Array<{ text: string }>) => pieces.map((p) => p.text).join('');
  const skusOf = (r: EngineSearchResult) => r.hits.map((h) => text(h.sku));

  test('an exact SKU, GTIN or part number ranks first, whatever the separators', async () => {
    for (const q of ['A-100', 'A100', 'a 100', 'a-100 ']) {
      const r = await search(q);
      expect(skusOf(r)[0], q).toBe('A-100');
      expect(r.hits[0]!.codeMatch).toBe(true);
    }
    expect(skusOf(await search('4006381333931'))[0]).toBe('A-100');
    expect(skusOf(await search('cs12v'))[0]).toBe('A-100');
    expect(skusOf(await search('CS-12V'))[0]).toBe('A-100');
  });

  test('codes get no typo tolerance', async () => {
    const r = await search('A-109');
    expect(r.hits.some((h) => h.codeMatch)).toBe(false);
    expect(skusOf(r)).not.toContain('A-100');
    expect((await search('a109')).total).toBe(0);
  });

  test('a prefix finds the whole word', async () => {
    const r = await search('cordl');
    expect(skusOf(r)).toEqual(expect.arrayContaining(['A-100', 'A-101', 'L-11']));
    expect(r.hits.find((h) => text(h.sku) === 'A-100')!.name.some((p) => p.match && foldText(p.text).startsWith('cordl'))).toBe(true);
  });

  test('one typo per word still finds the item', async () => {
    expect(skusOf(await search('screwdirver'))).toEqual(expect.arrayContaining(['A-100', 'B-200', 'B-201']));
    expect(skusOf(await search('cordless screwdirver'))).toContain('A-100');
    expect((await search('scrwdirver')).total).toBe(0); // two typos: no
  });

  test('words match in any order and matches are highlighted', async () => {
    for (const q of ['cordless screwdriver', 'screwdriver cordless']) {
      const r = await search(q);
      expect(skusOf(r)[0], q).toBe('A-100');
      const marked = r.hits[0]!.name.filter((p) => p.match).map((p) => foldText(p.text));
      expect(marked).toEqual(expect.arrayContaining(['cordless', 'screwdriver']));
    }
  });

  test('markup in supplier text comes back as plain text', async () => {
    const r = await search('safety glasses');
    expect(text(r.hits[0]!.name)).toBe('<img src=x onerror=alert(1)> Safety glasses');
  });

  test('facets count what the buyer may see, and only that', async () => {
    const r = await search('');
    const visible = 5 + 1 + 30 + 2; // tools without Prototypes, X-1, drill bits; lighting without L-12
    expect(r.total).toBe(visible);
    expect(r.facets.catalogs).toEqual(expect.arrayContaining([{ value: w.ids.tools, count: 36 }, { value: w.ids.lighting, count: 2 }]));
    expect(r.facets.catalogs).toHaveLength(2);
    expect(r.facets.suppliers).toEqual(expect.arrayContaining([{ value: w.ids.toolmakers, count: 36 }, { value: w.ids.lumen, count: 2 }]));
    expect(r.facets.categories.map((c) => c.value).sort()).toEqual(['Accessories', 'Hand tools', 'Outdoor', 'Safety', 'Tools']);
    expect(r.facets.manufacturers).toEqual(expect.arrayContaining([{ value: 'Bosch', count: 2 + 15 }, { value: 'Lumen', count: 2 }]));
    expect(r.facets.manufacturers.map((m) => m.value)).not.toContain('Hidden Co');
    expect(r.facets.prices.reduce((n, p) => n + p.count, 0)).toBe(visible);
  });

  test('an item outside the buyer views is never returned nor counted', async () => {
    for (const q of ['S-900', 'secret', 'prototype', 'SECRET-1', 'L-12', 'emergency']) {
      const r = await search(q);
      expect(r.total, q).toBe(0);
      expect(r.hits, q).toEqual([]);
      expect([...r.facets.suppliers, ...r.facets.catalogs, ...r.facets.manufacturers, ...r.facets.categories, ...r.facets.prices], q).toEqual([]);
    }
    const theirs = await search('cordless', { as: 'other' });
    expect(skusOf(theirs)).toEqual(['H-1']);
    expect(theirs.facets.catalogs).toEqual([{ value: w.ids.hidden, count: 1 }]);
  });

  test('facets combine; a facet counts as if its own choice were not made', async () => {
    const r = await search('', { filters: { manufacturers: ['Bosch'], categoryPath: 'Tools' } });
    expect(skusOf(r).sort()).toEqual(['A-100', 'C-300']);
    expect(r.facets.manufacturers).toEqual(expect.arrayContaining([{ value: 'Bosch', count: 2 }, { value: 'Makita', count: 1 }]));
    expect(r.facets.categories).toEqual([{ value: 'Tools > Drills', count: 1 }, { value: 'Tools > Screwdrivers', count: 1 }]);
    expect(r.totalsWithout).toEqual({ manufacturer: 3, category: 17 });
    const both = await search('', { filters: { manufacturers: ['Bosch', 'Makita'], categoryPath: 'Tools > Drills' } });
    expect(skusOf(both).sort()).toEqual(['A-101', 'C-300']);
    const bySupplier = await search('', { filters: { supplierIds: [w.ids.lumen] } });
    expect(bySupplier.total).toBe(2);
    expect(bySupplier.facets.suppliers).toEqual(expect.arrayContaining([{ value: w.ids.toolmakers, count: 36 }, { value: w.ids.lumen, count: 2 }]));
    expect((await search('', { filters: { catalogIds: [w.ids.tools] } })).total).toBe(36);
  });

  test('price facets and the price filter use the buyer net prices', async () => {
    // B-201: list 9.95 (band 5-10) but a fixed net 4.00 (band 2-5). A-100: 89.90 - 10% = 80.91.
    const r = await search('screwdriver');
    const band = (lo: number) => r.facets.prices.find((p) => p.range.loMinor === lo)?.count ?? 0;
    expect(band(200)).toBe(1);
    expect(band(500)).toBe(0);
    const cheap = await search('', { filters: { price: { currency: 'EUR', loMinor: 200, hiMinor: 500 } } });
    expect(skusOf(cheap)).toContain('B-201');
    for (const h of cheap.hits) expect(h.netMinor >= 200 && h.netMinor < 500).toBe(true);
    const exact = await search('', { filters: { price: { currency: 'EUR', loMinor: 8091, hiMinor: 8092 } } });
    expect(skusOf(exact)).toEqual(['A-100']);
    expect(exact.totalsWithout.price).toBe(38);
  });

  test('net prices are those of the pricing module', async () => {
    const r = await search('', { pageSize: 50 });
    const items = await loadHitItems(w.db, buyer.ctx, r.hits.map((h) => h.itemId));
    expect(items.size).toBe(r.hits.length);
    for (const h of r.hits) expect(h.netMinor, text(h.sku)).toBe(items.get(h.itemId)!.price.netMinor);
    expect(r.hits.find((h) => text(h.sku) === 'B-201')!.netMinor).toBe(400);
    expect(r.hits.find((h) => text(h.sku) === 'B-200')!.netMinor).toBe(1960);
  });

  test('sorting by price and by name', async () => {
    const byPrice = await search('', { sort: 'price', pageSize: 50 });
    const nets = byPrice.hits.map((h) => h.netMinor);
    expect(nets).toEqual([...nets].sort((a, b) => a - b));
    expect(byPrice.hits).toHaveLength(38);
    const page2 = await search('', { sort: 'price', pageSize: 10, page: 2 });
    expect(page2.hits.map((h) => h.itemId)).toEqual(byPrice.hits.slice(10, 20).map((h) => h.itemId));
    const byName = await search('drill', { sort: 'name', pageSize: 50 });
    const names = byName.hits.map((h) => foldText(text(h.name)));
    // Natural order, numbers by value: "drill bit hss 2 mm" before "drill bit hss 10 mm".
    const key = (name: string) => naturalSortKey(name);
    expect(names).toEqual([...names].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
    expect(names.indexOf('drill bit hss 2 mm')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('drill bit hss 2 mm')).toBeLessThan(names.indexOf('drill bit hss 10 mm'));
  });

  test('pages of 10 walk through every result once', async () => {
    const seen: number[] = [];
    let total = 0;
    for (let page = 1; page <= 4; page++) {
      const r = await search('drill bit', { page, pageSize: 10 });
      total = r.total;
      seen.push(...r.hits.map((h) => h.itemId));
    }
    expect(total).toBe(30);
    expect(new Set(seen).size).toBe(30);
    expect((await search('drill bit', { page: 5, pageSize: 10 })).hits).toEqual([]);
  });

  test('a search with no match answers empty', async () => {
    const r = await search('zzzzqqq');
    expect(r).toMatchObject({ total: 0, hits: [] });
    expect(await itemIdOf(w.db, w.ids.tools, 'A-100')).toBeGreaterThan(0);
  });

  test('spelling corrections and ideas come only from words of items the buyer may see: every out-of-scope word, misspelt', async () => {
    // The buyer's view leaves out the Hidden Tools catalog, the Prototypes category and SKU L-12.
    const hidden = (r: Row) => r[2] === 'Prototypes' || r[0] === 'L-12';
    const wordsOf = (rows: Row[]) => new Set(rows.flatMap((r) => words([r[0], r[1], r[2], r[4], r[5] ?? '', r[7] ?? ''].join(' '))));
    const visible = wordsOf([...TOOLS, ...LIGHTING].filter((r) => !hidden(r)));
    const outside = [...wordsOf([...HIDDEN, ...TOOLS.filter(hidden), ...LIGHTING.filter(hidden)])].filter((word) => !visible.has(word) && word.length >= 4 && !/\d/.test(word));
    expect(outside).toEqual(expect.arrayContaining(['secret', 'prototype', 'emergency', 'hidden']));
    const misspellings = (word: string) => [
      word,
      word.slice(0, 2) + word.slice(3), // a letter dropped
      word.slice(0, 1) + word[2] + word[1] + word.slice(3), // two letters swapped
      word.slice(0, -2) + (word.at(-2) === 'a' ? 'e' : 'a') + word.slice(-1), // a letter changed
      `${word}s`,
    ];
    const leaks: string[] = [];
    for (const word of outside) {
      for (const typed of new Set(misspellings(word))) {
        const r = await search(typed);
        for (const c of r.corrections) for (const shown of c.replacements) if (!visible.has(shown)) leaks.push(`${typed} → correction "${shown}"`);
        for (const idea of await engine.spellingIdeas(typed, buyer.scope)) {
          for (const shown of words(idea)) if (!visible.has(shown) && shown !== typed) leaks.push(`${typed} → idea "${idea}"`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // Words the buyer's items hold are still corrected.
    expect((await search('screwdirver')).corrections.flatMap((c) => c.replacements)).toEqual(expect.arrayContaining(engine.kind === 'embedded' ? ['screwdriver'] : []));
  });
}
