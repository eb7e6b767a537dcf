import { describe, expect, test } from 'vitest';
import { compileViews } from '#features/pricing/compile-views.ts';
import { PricingRuleError } from '#features/pricing/errors.ts';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { item, NOW, view, type CatalogRules } from './fixtures.ts';

const compile = (rules: Omit<CatalogRules, 'catalogId'>) => () => compileViews([view(rules, { viewId: 5 })]);

describe('compileViews refuses rules it cannot apply, saying which', () => {
  test.each([[-5], [100.5], [12.345], [Number.NaN]])('a catalog percentage of %s', (percentOff) => {
    expect(compile({ percentOff })).toThrow(PricingRuleError);
    expect(compile({ percentOff })).toThrow(/view 5, catalog 1: percentOff/);
  });

  test('a category percentage with more than 2 decimals', () => {
    expect(compile({ categoryPercentOff: [{ categoryPath: 'Tools', percentOff: 33.333 }] }))
      .toThrow(/view 5, catalog 1, category rule "Tools": percentOff/);
  });

  test('netUnitPrice refuses an invalid percentage too, rather than guessing', () => {
    expect(() => netUnitPrice(item(), [view({ percentOff: 101 })], 1, NOW)).toThrow(PricingRuleError);
  });

  test('two rules for the same category, even spelled differently', () => {
    expect(compile({ categoryPercentOff: [{ categoryPath: 'Tools > Drills', percentOff: 5 }, { categoryPath: 'Tools>Drills', percentOff: 6 }] }))
      .toThrow(/two rules for the same category/);
  });

  test('empty category paths', () => {
    expect(compile({ categoryPercentOff: [{ categoryPath: ' > ', percentOff: 5 }] })).toThrow(/empty category path/);
    expect(compile({ includeCategories: [''] })).toThrow(/includeCategories: empty category path/);
    expect(compile({ excludeCategories: [' '] })).toThrow(/excludeCategories: empty category path/);
  });

  test('bad fixed prices', () => {
    expect(compile({ fixedPrices: [{ sku: 'A', priceMinor: 9.99 }] })).toThrow(/fixed price for SKU "A"/);
    expect(compile({ fixedPrices: [{ sku: 'A', priceMinor: -1 }] })).toThrow(PricingRuleError);
    expect(compile({ fixedPrices: [{ sku: '', priceMinor: 1 }] })).toThrow(/without a SKU/);
    expect(compile({ fixedPrices: [{ sku: 'A', priceMinor: 1 }, { sku: 'A', priceMinor: 2 }] })).toThrow(/two fixed prices/);
  });

  test('bad fixed price tiers', () => {
    const fixed = (tiers: Array<{ minQty: number; priceMinor: number }>) => compile({ fixedPrices: [{ sku: 'A', priceMinor: 100, tiers }] });
    expect(fixed([{ minQty: 0, priceMinor: 90 }])).toThrow(/positive whole number/);
    expect(fixed([{ minQty: 2.5, priceMinor: 90 }])).toThrow(PricingRuleError);
    expect(fixed([{ minQty: 10, priceMinor: 90.5 }])).toThrow(/tier from 10 units/);
    expect(fixed([{ minQty: 10, priceMinor: 90 }, { minQty: 10, priceMinor: 80 }])).toThrow(/two tiers from 10 units/);
  });

  test('a catalog listed twice in one view', () => {
    const twice = { viewId: 2, validFrom: null, validUntil: null, rules: { catalogs: [{ catalogId: 1 }, { catalogId: 1 }] } };
    expect(() => compileViews([twice])).toThrow(/view 2: catalog 1 appears twice/);
  });

  test('bad dates name the view', () => {
    expect(() => compileViews([view({}, { viewId: 8, validFrom: 'soon' })])).toThrow(/view 8: validFrom/);
  });

  test('valid rules compile into indexed lookups', () => {
    const [compiled] = compileViews([view({
      percentOff: 12.5,
      categoryPercentOff: [{ categoryPath: 'Tools>Drills', percentOff: 33.33 }],
      fixedPrices: [{ sku: 'A', priceMinor: 100, tiers: [{ minQty: 10, priceMinor: 90 }, { minQty: 50, priceMinor: 80 }] }],
    })]).views;
    const catalog = compiled?.catalogs.get(1);
    expect(catalog?.catalogRule).toEqual({ basisPoints: 1_250, percentOff: 12.5 });
    expect(catalog?.categoryRules.get('Tools > Drills')).toEqual({ categoryPath: 'Tools > Drills', basisPoints: 3_333, percentOff: 33.33 });
    expect(catalog?.fixedPrices.get('A')?.tiersDesc.map((t) => t.minQty)).toEqual([50, 10]);
  });
});
