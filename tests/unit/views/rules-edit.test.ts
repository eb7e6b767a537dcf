import { describe, expect, test } from 'vitest';
import { canonicalRules, countCatalogRules, sameRules } from '#features/views/canonical-rules.ts';
import { addCatalog, applyFixedPrices, removeCatalog, removeRulesFor, setSkuVisibility, updateCatalogRules } from '#features/views/rules-edit.ts';
import { ViewNotFound, ViewProblem } from '#features/views/view-problem.ts';
import { ruleErrorInWords } from '#features/views/rule-error-words.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { PricingRuleError } from '#features/pricing/errors.ts';
import { describeViewState } from '#features/views/view-state.ts';

describe('canonical rules', () => {
  test('drop empty lists and sort, so the same meaning compares equal', () => {
    const a = { catalogs: [{ catalogId: 2, excludeSkus: ['B', 'A'], includeSkus: [], fixedPrices: [{ sku: 'Z', priceMinor: 1, tiers: [] }, { sku: 'Y', priceMinor: 2 }] }] };
    const b = { catalogs: [{ catalogId: 2, fixedPrices: [{ sku: 'Y', priceMinor: 2 }, { sku: 'Z', priceMinor: 1 }], excludeSkus: ['A', 'B'] }] };
    expect(sameRules(a, b)).toBe(true);
    expect(canonicalRules(a)).toEqual({ catalogs: [{ catalogId: 2, excludeSkus: ['A', 'B'], fixedPrices: [{ sku: 'Y', priceMinor: 2 }, { sku: 'Z', priceMinor: 1 }] }] });
    expect(sameRules(a, { catalogs: [{ catalogId: 2, excludeSkus: ['A'] }] })).toBe(false);
    expect(countCatalogRules(canonicalRules(a).catalogs[0]!)).toBe(4);
  });
});

describe('editing rules', () => {
  test('a SKU is either always shown, always hidden, or left to its category', () => {
    let c = setSkuVisibility({ catalogId: 1, excludeSkus: ['A'] }, 'A', 'show');
    expect(c).toMatchObject({ includeSkus: ['A'], excludeSkus: [] });
    c = setSkuVisibility(c, 'A', 'hide');
    expect(c).toMatchObject({ includeSkus: [], excludeSkus: ['A'] });
    expect(setSkuVisibility(c, 'A', 'default')).toMatchObject({ includeSkus: [], excludeSkus: [] });
  });

  test('uploaded fixed prices add to (and override) the existing ones, or replace them all', () => {
    const c = { catalogId: 1, fixedPrices: [{ sku: 'A', priceMinor: 100 }, { sku: 'B', priceMinor: 200 }] };
    expect(applyFixedPrices(c, [{ sku: 'B', priceMinor: 150 }, { sku: 'C', priceMinor: 300 }], 'merge').fixedPrices)
      .toEqual([{ sku: 'A', priceMinor: 100 }, { sku: 'B', priceMinor: 150 }, { sku: 'C', priceMinor: 300 }]);
    expect(applyFixedPrices(c, [{ sku: 'C', priceMinor: 300 }], 'replace').fixedPrices).toEqual([{ sku: 'C', priceMinor: 300 }]);
  });

  test('stale rules are removed wherever they appear', () => {
    const c = {
      catalogId: 1, includeCategories: ['Old', 'New'], excludeCategories: ['Old > X'], categoryPercentOff: [{ categoryPath: 'Old', percentOff: 5 }],
      includeSkus: ['GONE'], excludeSkus: ['KEEP'], fixedPrices: [{ sku: 'GONE', priceMinor: 1 }],
    };
    expect(canonicalRules({ catalogs: [removeRulesFor(c, { categories: ['Old', 'Old > X'], skus: ['GONE'] })] }).catalogs[0])
      .toEqual({ catalogId: 1, includeCategories: ['New'], excludeSkus: ['KEEP'] });
  });

  test('catalogs are added once and removed by id; editing a catalog not in the view is a 404', () => {
    const rules = addCatalog({ catalogs: [] }, 3, 10, 'Fasteners 2027');
    expect(rules).toEqual({ catalogs: [{ catalogId: 3, percentOff: 10 }] });
    expect(() => addCatalog(rules, 3, undefined, 'Fasteners 2027')).toThrow(ViewProblem);
    expect(removeCatalog(rules, 3)).toEqual({ catalogs: [] });
    expect(() => updateCatalogRules(rules, 4, (c) => c)).toThrow(ViewNotFound);
  });
});

describe('messages and states', () => {
  test('a pricing rule error names the catalog, not its id', () => {
    let error: unknown;
    try {
      compileViews([{ viewId: 9, validFrom: null, validUntil: null, rules: { catalogs: [{ catalogId: 3, categoryPercentOff: [{ categoryPath: 'A', percentOff: 5 }, { categoryPath: 'A ', percentOff: 6 }] }] } }]);
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PricingRuleError);
    expect(ruleErrorInWords(error as PricingRuleError, new Map([[3, 'Fasteners 2027']])))
      .toBe('This view cannot be saved as it is: Catalog “Fasteners 2027”, category rule "A ": two rules for the same category.');
  });

  test('the list shows unpublished changes, withdrawal and a published view out of its dates', () => {
    const rules = { catalogs: [{ catalogId: 1, percentOff: 5 }] };
    const version = { version: 2, rules, validFrom: null, validUntil: '2027-01-01' };
    const draft = { state: 'published' as const, draftRules: rules, draftValidFrom: null, draftValidUntil: '2027-01-01' };
    expect(describeViewState(draft, version, new Date('2026-06-01'))).toMatchObject({ visibleToCustomer: true, unpublishedChanges: false, label: 'Published (version 2)' });
    expect(describeViewState(draft, version, new Date('2027-06-01'))).toMatchObject({ visibleToCustomer: false, label: 'Published (version 2), expired (until 2026-12-31)' });
    expect(describeViewState({ ...draft, draftRules: { catalogs: [] } }, version, new Date('2026-06-01')).label).toBe('Published (version 2), with unpublished changes');
    expect(describeViewState({ ...draft, state: 'withdrawn' }, version, new Date('2026-06-01'))).toMatchObject({ visibleToCustomer: false, label: 'Withdrawn (was version 2)' });
    expect(describeViewState({ ...draft, state: 'draft' }, null, new Date()).label).toBe('Draft, never published');
  });
});
