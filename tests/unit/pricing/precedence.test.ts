import { describe, expect, test } from 'vitest';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { item, NOW, view } from './fixtures.ts';

// Item: "Tools > Drills > Cordless", SKU DRL-100, list 100.00 EUR.
const all = {
  percentOff: 5,
  categoryPercentOff: [
    { categoryPath: 'Tools', percentOff: 10 },
    { categoryPath: 'Tools > Drills', percentOff: 12 },
    { categoryPath: 'Tools > Drills > Cordless', percentOff: 12.5 },
  ],
  fixedPrices: [{ sku: 'DRL-100', priceMinor: 7_999 }],
};

function price(rules: Parameters<typeof view>[0], quantity = 1) {
  return netUnitPrice(item(), [view(rules)], quantity, NOW);
}

describe('precedence: fixed > deepest category > shallower category > catalog > list', () => {
  test('a fixed price wins over every percentage rule', () => {
    expect(price(all)).toEqual({
      netMinor: 7_999,
      listMinor: 10_000,
      currency: 'EUR',
      rule: { kind: 'fixed', viewId: 1 },
      explanation: 'Fixed net price for SKU DRL-100 (fixed price)',
    });
  });

  test('a fixed price wins even when it is above the list price (it is what was agreed)', () => {
    expect(price({ ...all, fixedPrices: [{ sku: 'DRL-100', priceMinor: 12_000 }] })?.netMinor).toBe(12_000);
  });

  test('a fixed price for another SKU does not apply', () => {
    expect(price({ ...all, fixedPrices: [{ sku: 'OTHER', priceMinor: 1 }] })?.rule.kind).toBe('category');
  });

  test('without a fixed price, the deepest matching category rule wins', () => {
    expect(price({ ...all, fixedPrices: [] })).toEqual({
      netMinor: 8_750,
      listMinor: 10_000,
      currency: 'EUR',
      rule: { kind: 'category', viewId: 1, percentOff: 12.5, categoryPath: 'Tools > Drills > Cordless' },
      explanation: '12.5% off Tools > Drills > Cordless (category rule)',
    });
  });

  test('the deepest rule wins even when a shallower one gives more off', () => {
    const rules = { categoryPercentOff: [{ categoryPath: 'Tools', percentOff: 50 }, { categoryPath: 'Tools > Drills', percentOff: 12 }] };
    const result = price(rules);
    expect(result?.netMinor).toBe(8_800);
    expect(result?.explanation).toBe('12% off Tools > Drills (category rule)');
  });

  test('the order rules are listed in does not matter', () => {
    const reversed = { categoryPercentOff: [...all.categoryPercentOff].reverse() };
    expect(price(reversed)?.rule.categoryPath).toBe('Tools > Drills > Cordless');
  });

  test('a shallower category rule applies when no deeper one matches', () => {
    const result = price({ percentOff: 5, categoryPercentOff: [{ categoryPath: 'Tools', percentOff: 10 }, { categoryPath: 'Tools > Saws', percentOff: 30 }] });
    expect(result?.netMinor).toBe(9_000);
    expect(result?.rule).toEqual({ kind: 'category', viewId: 1, percentOff: 10, categoryPath: 'Tools' });
  });

  test('a category rule wins over the catalog rule even when the catalog rule gives more off', () => {
    expect(price({ percentOff: 40, categoryPercentOff: [{ categoryPath: 'Tools', percentOff: 10 }] })?.netMinor).toBe(9_000);
  });

  test('the catalog rule applies when no category rule matches', () => {
    expect(price({ percentOff: 5, categoryPercentOff: [{ categoryPath: 'Fasteners', percentOff: 20 }] })).toEqual({
      netMinor: 9_500,
      listMinor: 10_000,
      currency: 'EUR',
      rule: { kind: 'catalog', viewId: 1, percentOff: 5 },
      explanation: '5% off the whole catalog (catalog rule)',
    });
  });

  test('no rule: the list price', () => {
    expect(price({})).toEqual({
      netMinor: 10_000,
      listMinor: 10_000,
      currency: 'EUR',
      rule: { kind: 'list', viewId: 1 },
      explanation: 'List price (no pricing rule applies)',
    });
  });

  test('0% is still the rule that applied, and 100% makes the item free', () => {
    expect(price({ percentOff: 0 })?.rule).toEqual({ kind: 'catalog', viewId: 1, percentOff: 0 });
    expect(price({ percentOff: 0 })?.netMinor).toBe(10_000);
    expect(price({ categoryPercentOff: [{ categoryPath: 'Tools', percentOff: 100 }] })?.netMinor).toBe(0);
  });

  test('an uncategorized item gets the catalog rule, never a category rule', () => {
    const result = netUnitPrice(item({ categoryPath: '' }), [view(all)], 1, NOW);
    expect(result?.rule.kind).toBe('fixed');
    const noFixed = netUnitPrice(item({ categoryPath: '' }), [view({ ...all, fixedPrices: [] })], 1, NOW);
    expect(noFixed?.rule).toEqual({ kind: 'catalog', viewId: 1, percentOff: 5 });
  });

  test('the result carries the item currency', () => {
    expect(netUnitPrice(item({ currency: 'CHF' }), [view({})], 1, NOW)?.currency).toBe('CHF');
  });

  test('refuses a bad quantity or a bad item price', () => {
    expect(() => price({}, 0)).toThrow(RangeError);
    expect(() => price({}, 2.5)).toThrow(RangeError);
    expect(() => netUnitPrice(item({ priceMinor: 10.5 }), [view({})], 1, NOW)).toThrow(RangeError);
    expect(() => netUnitPrice(item({ priceMinor: -1 }), [view({})], 1, NOW)).toThrow(RangeError);
    expect(() => netUnitPrice(item({ tiers: [{ minQty: 2, priceMinor: 0.5 }] }), [view({})], 2, NOW)).toThrow(RangeError);
  });
});
