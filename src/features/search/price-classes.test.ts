import { describe, expect, test } from 'vitest';
import { compileViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { applyBasisPointsOff } from '#features/pricing/rounding.ts';
import type { ViewVersionInput } from '#features/pricing/types.ts';
import { compilePriceClasses, inClass, listRangeFor, netOfClass, type NamedItem, type PriceClass } from './price-classes.ts';

// The classes must give every item exactly the visibility and net price of the pricing module.
const NOW = new Date('2027-06-15T12:00:00Z');
const CATEGORIES = ['', 'Tools', 'Tools > Drills', 'Tools > Drills > Cordless', 'Tools > Saws', 'Hand tools', 'Hand tools > Screwdrivers', 'Garden > Hoses', 'Toolsets'];

const views: ViewVersionInput[] = [
  { viewId: 1, validFrom: null, validUntil: null, rules: { catalogs: [
    { catalogId: 1, percentOff: 10, excludeCategories: ['Garden'], includeSkus: ['G-1'], excludeSkus: ['T-3'], categoryPercentOff: [{ categoryPath: 'Tools > Drills', percentOff: 12.5 }, { categoryPath: 'Tools', percentOff: 5 }], fixedPrices: [{ sku: 'T-7', priceMinor: 123 }, { sku: 'T-8', priceMinor: 99_999 }] },
    { catalogId: 2, includeCategories: ['Hand tools'] },
  ] } },
  { viewId: 2, validFrom: '2027-01-01', validUntil: null, rules: { catalogs: [
    { catalogId: 1, percentOff: 8, includeCategories: ['Tools > Drills', 'Toolsets'], categoryPercentOff: [{ categoryPath: 'Tools > Drills > Cordless', percentOff: 33.33 }] },
    { catalogId: 2, percentOff: 3, excludeCategories: ['Hand tools > Screwdrivers'] },
  ] } },
  // Not in force: must change nothing.
  { viewId: 3, validFrom: '2028-01-01', validUntil: null, rules: { catalogs: [{ catalogId: 1, percentOff: 90 }] } },
];

function randomItems(seed: number, n: number) {
  let s = seed >>> 0;
  const rnd = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: n }, (_, i) => {
    const catalogId = rnd() < 0.7 ? 1 : 2;
    const sku = rnd() < 0.15 ? ['T-3', 'T-7', 'T-8', 'G-1'][Math.floor(rnd() * 4)]! : `I-${i}`;
    const base = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const categoryPath = rnd() < 0.3 && base ? `${base} > Leaf ${i % 3}` : base;
    const priceMinor = Math.floor(rnd() * 100_000);
    return { catalogId, sku, categoryPath, priceMinor, tiers: rnd() < 0.3 ? [{ minQty: 1, priceMinor: Math.max(0, priceMinor - 50) }, { minQty: 10, priceMinor: 10 }] : [], currency: 'EUR' };
  });
}

describe('price classes', () => {
  const compiled = compileViews(views);
  const catalogs = [{ id: 1, revisionId: 11, currency: 'EUR' }, { id: 2, revisionId: 22, currency: 'EUR' }];

  test('agree with the pricing module on visibility and net price for 5,000 random items', () => {
    const items = randomItems(42, 5_000);
    // A named SKU is one item per catalog: keep the first of each.
    const seen = new Set<string>();
    const unique = items.filter((i) => { const k = `${i.catalogId}/${i.sku}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const named: NamedItem[] = unique.filter((i) => ['T-3', 'T-7', 'T-8', 'G-1'].includes(i.sku));
    const classes = compilePriceClasses(compiled, catalogs, named, NOW);
    const shown = unique.filter((i) => priceItem(compiled, i, 1, NOW) !== null).length;
    expect(shown).toBeGreaterThan(200); // both sides are exercised
    expect(unique.length - shown).toBeGreaterThan(200);
    for (const item of unique) {
      const expected = priceItem(compiled, item, 1, NOW);
      const doc = { ...item, revisionId: item.catalogId === 1 ? 11 : 22 };
      const members = classes.filter((c) => inClass(c, doc));
      expect(members.length, `${item.sku} ${item.categoryPath}`).toBeLessThanOrEqual(1);
      const listUnit = item.tiers.find((t) => t.minQty === 1)?.priceMinor ?? item.priceMinor;
      expect(members[0] ? netOfClass(members[0], listUnit) : null, `${item.catalogId} ${item.sku} ${item.categoryPath}`).toBe(expected?.netMinor ?? null);
    }
  });

  test('an item of a stale revision belongs to no class', () => {
    const classes = compilePriceClasses(compiled, catalogs, [], NOW);
    expect(classes.some((c) => inClass(c, { catalogId: 1, revisionId: 10, sku: 'X', categoryPath: 'Tools' }))).toBe(false);
  });

  test('no view in force: no class, nothing visible', () => {
    expect(compilePriceClasses(compileViews([views[2]!]), catalogs, [], NOW)).toEqual([]);
  });
});

describe('list price ranges for a net price range', () => {
  const percent = (bp: number): PriceClass => ({ catalogId: 1, revisionId: 1, currency: 'EUR', sku: null, exceptSkus: [], underPath: null, notUnder: [], price: { kind: 'percent', basisPoints: bp } });
  test('invert the half-up rounding exactly', () => {
    for (const bp of [0, 1, 500, 1250, 3333, 5000, 9999, 10_000]) {
      for (const [lo, hi] of [[0, 1], [1, 2], [200, 500], [8091, 8092], [1000, null], [37, 38]] as Array<[number, number | null]>) {
        const range = listRangeFor(percent(bp), lo, hi);
        for (let list = 0; list < 12_000; list += 7) {
          const net = applyBasisPointsOff(list, bp);
          const inNet = net >= lo && (hi === null || net < hi);
          const inList = range === 'all' || (range !== null && list >= range.lo && (range.hi === null || list <= range.hi));
          expect(inList, `bp ${bp}, list ${list}, net ${net}, [${lo}, ${hi})`).toBe(inNet);
        }
      }
    }
  });
  test('a constant price is all or nothing', () => {
    const fixed: PriceClass = { ...percent(0), sku: 'S', price: { kind: 'constant', netMinor: 400 } };
    expect(listRangeFor(fixed, 200, 500)).toBe('all');
    expect(listRangeFor(fixed, 500, 1000)).toBeNull();
  });
});
