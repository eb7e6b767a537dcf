import { describe, expect, test } from 'vitest';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { item, NOW, view } from './fixtures.ts';

// Supplier list: 100.00, from 10 units 90.00, from 50 units 80.00.
const tiered = item({ tiers: [{ minQty: 10, priceMinor: 9_000 }, { minQty: 50, priceMinor: 8_000 }] });

describe('supplier quantity breaks under percentage rules', () => {
  const v = view({ categoryPercentOff: [{ categoryPath: 'Tools > Drills', percentOff: 10 }] });

  test.each([
    [1, 10_000, 9_000], [9, 10_000, 9_000], [10, 9_000, 8_100], [49, 9_000, 8_100], [50, 8_000, 7_200],
  ])('at %s units: list %s, net %s (percentage applied to the tiered list price)', (quantity, list, net) => {
    const result = netUnitPrice(tiered, [v], quantity, NOW);
    expect(result?.listMinor).toBe(list);
    expect(result?.netMinor).toBe(net);
  });

  test('the explanation says which supplier break set the list price', () => {
    expect(netUnitPrice(tiered, [v], 10, NOW)?.explanation)
      .toBe("10% off Tools > Drills (category rule), applied to the supplier's price for 10 or more units");
    expect(netUnitPrice(tiered, [v], 10, NOW)?.listTierMinQty).toBe(10);
    expect(netUnitPrice(tiered, [v], 9, NOW)?.listTierMinQty).toBeUndefined();
  });

  test('no rule: the supplier tier price is the net price', () => {
    const result = netUnitPrice(tiered, [view({})], 50, NOW);
    expect(result?.netMinor).toBe(8_000);
    expect(result?.explanation).toBe("Supplier's price for 50 or more units (quantity break; no pricing rule applies)");
  });
});

describe('fixed prices and their own quantity breaks', () => {
  const v = view({
    percentOff: 50,
    fixedPrices: [{ sku: 'DRL-100', priceMinor: 7_000, tiers: [{ minQty: 100, priceMinor: 6_000 }, { minQty: 20, priceMinor: 6_500 }] }],
  });

  test.each([
    [1, 'fixed', 7_000, 10_000, undefined],
    [19, 'fixed', 7_000, 9_000, undefined],
    [20, 'fixed-tier', 6_500, 9_000, 20],
    [99, 'fixed-tier', 6_500, 8_000, 20],
    [100, 'fixed-tier', 6_000, 8_000, 100],
  ])('at %s units: %s %s (list %s)', (quantity, kind, net, list, minQty) => {
    const result = netUnitPrice(tiered, [v], quantity, NOW);
    expect(result?.rule.kind).toBe(kind);
    expect(result?.netMinor).toBe(net);
    expect(result?.listMinor).toBe(list);
    expect(result?.rule.minQty).toBe(minQty);
  });

  test('the fixed price replaces the supplier tiers and the catalog rule entirely', () => {
    // 50% off the 80.00 tier would be 40.00; the fixed price stands.
    expect(netUnitPrice(tiered, [v], 50, NOW)?.netMinor).toBe(6_500);
  });

  test('explanations of fixed prices', () => {
    expect(netUnitPrice(tiered, [v], 20, NOW)?.explanation).toBe('Fixed net price for 20 or more units of SKU DRL-100 (fixed price tier)');
    expect(netUnitPrice(tiered, [v], 19, NOW)?.explanation).toBe('Fixed net price for SKU DRL-100 (fixed price)');
  });
});

describe('a fixed price and the supplier quantity breaks', () => {
  // 10 % off, and a fixed 85.00 for the item: below 90.00 up to 49 units, above the break's 72.00 from 50.
  const rules = (keepBreaks: boolean) => view({ percentOff: 10, fixedPrices: [{ sku: tiered.sku, priceMinor: 8_500, ...(keepBreaks ? { keepBreaks } : {}) }] });

  test.each([[1, 8_500], [10, 8_500], [50, 8_500]])('replacing them: %s units cost %s', (quantity, net) => {
    expect(netUnitPrice(tiered, [rules(false)], quantity, NOW)?.netMinor).toBe(net);
  });

  test.each([[1, 8_500, 'fixed'], [10, 8_100, 'catalog'], [50, 7_200, 'catalog']])('keeping them: %s units cost %s (%s rule)', (quantity, net, kind) => {
    const price = netUnitPrice(tiered, [rules(true)], quantity, NOW);
    expect(price?.netMinor).toBe(net);
    expect(price?.rule.kind).toBe(kind);
  });
});
