import { describe, expect, test } from 'vitest';
import { compileViews } from '#features/pricing/compile-views.ts';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { item, NOW, view } from './fixtures.ts';

describe('an item reachable through several views: the lower net price wins', () => {
  const tenOff = view({ percentOff: 10 }, { viewId: 7 });
  const twentyOff = view({ percentOff: 20 }, { viewId: 3 });

  test('the lower net price wins, whatever order the views come in', () => {
    for (const views of [[tenOff, twentyOff], [twentyOff, tenOff]]) {
      const result = netUnitPrice(item(), views, 1, NOW);
      expect(result?.netMinor).toBe(8_000);
      expect(result?.rule.viewId).toBe(3);
    }
  });

  test('a lower percentage in one view beats a fixed price in another', () => {
    const fixed = view({ fixedPrices: [{ sku: 'DRL-100', priceMinor: 9_500 }] }, { viewId: 1 });
    const result = netUnitPrice(item(), [fixed, view({ percentOff: 10 }, { viewId: 2 })], 1, NOW);
    expect(result?.netMinor).toBe(9_000);
    expect(result?.rule).toEqual({ kind: 'catalog', viewId: 2, percentOff: 10 });
  });

  test('on a tie, the view with the lower id explains the price', () => {
    const fixed = view({ fixedPrices: [{ sku: 'DRL-100', priceMinor: 9_000 }] }, { viewId: 9 });
    const percent = view({ percentOff: 10 }, { viewId: 4 });
    for (const views of [[fixed, percent], [percent, fixed]]) {
      const result = netUnitPrice(item(), views, 1, NOW);
      expect(result?.netMinor).toBe(9_000);
      expect(result?.rule.viewId).toBe(4);
      expect(result?.explanation).toBe('10% off the whole catalog (catalog rule)');
    }
  });

  test('a view that hides the item does not take part', () => {
    const hides = view({ percentOff: 50, excludeSkus: ['DRL-100'] }, { viewId: 1 });
    expect(netUnitPrice(item(), [hides, tenOff], 1, NOW)?.netMinor).toBe(9_000);
  });

  test('a view out of its dates does not take part', () => {
    const expired = view({ percentOff: 50 }, { viewId: 1, validUntil: '2027-01-01T00:00:00Z' });
    expect(netUnitPrice(item(), [expired, tenOff], 1, NOW)?.netMinor).toBe(9_000);
    expect(netUnitPrice(item(), [expired], 1, NOW)).toBeNull();
  });

  test('views over different catalogs each price their own catalog', () => {
    const other = { ...view({ percentOff: 30 }, { viewId: 2 }), rules: { catalogs: [{ catalogId: 2, percentOff: 30 }] } };
    const compiled = compileViews([tenOff, other]);
    expect(priceItem(compiled, item({ catalogId: 1 }), 1, NOW)?.netMinor).toBe(9_000);
    expect(priceItem(compiled, item({ catalogId: 2 }), 1, NOW)?.netMinor).toBe(7_000);
    expect(priceItem(compiled, item({ catalogId: 3 }), 1, NOW)).toBeNull();
  });

  test('the winner can change with quantity', () => {
    const tiered = item({ tiers: [{ minQty: 10, priceMinor: 5_000 }] });
    const fixed = view({ fixedPrices: [{ sku: 'DRL-100', priceMinor: 8_500 }] }, { viewId: 1 });
    expect(netUnitPrice(tiered, [fixed, tenOff], 1, NOW)?.rule.kind).toBe('fixed'); // 85.00 < 90.00
    expect(netUnitPrice(tiered, [fixed, tenOff], 10, NOW)?.netMinor).toBe(4_500); // 10% off 50.00
  });
});
