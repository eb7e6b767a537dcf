import { describe, expect, test } from 'vitest';
import { compileViews } from '#features/pricing/compile-views.ts';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { isItemVisible, isVisible } from '#features/pricing/visibility.ts';
import { item, NOW, view, type CatalogRules } from './fixtures.ts';

type Rules = Omit<CatalogRules, 'catalogId'>;
const cordless = { sku: 'DRL-100', categoryPath: 'Tools > Drills > Cordless' };
const saw = { sku: 'SAW-1', categoryPath: 'Tools > Saws' };
const screw = { sku: 'SCR-9', categoryPath: 'Fasteners > Screws' };
const loose = { sku: 'MISC-1', categoryPath: '' };

function visible(rules: Rules, it: { sku: string; categoryPath: string }): boolean {
  return isItemVisible({ catalogId: 1, ...it }, view(rules), NOW);
}

describe('visibility', () => {
  test('no include/exclude: the whole catalog, uncategorized items included', () => {
    for (const it of [cordless, saw, screw, loose]) expect(visible({}, it)).toBe(true);
  });

  test('a catalog not in the view is not visible', () => {
    expect(isItemVisible({ catalogId: 2, ...cordless }, view({}), NOW)).toBe(false);
    expect(netUnitPrice(item({ catalogId: 2 }), [view({ percentOff: 10 })], 1, NOW)).toBeNull();
  });

  test('a view with no catalogs shows nothing', () => {
    expect(isItemVisible({ catalogId: 1, ...cordless }, { viewId: 1, rules: { catalogs: [] }, validFrom: null, validUntil: null }, NOW)).toBe(false);
  });

  test('includeCategories limits the catalog to those subtrees', () => {
    const rules = { includeCategories: ['Tools > Drills'] };
    expect(visible(rules, cordless)).toBe(true);
    expect(visible(rules, { sku: 'X', categoryPath: 'Tools > Drills' })).toBe(true);
    expect(visible(rules, saw)).toBe(false);
    expect(visible(rules, { sku: 'X', categoryPath: 'Tools' })).toBe(false); // the parent is not in the subtree
    expect(visible(rules, loose)).toBe(false);
  });

  test('categories match whole levels, not prefixes of names', () => {
    expect(visible({ includeCategories: ['Tool'] }, saw)).toBe(false);
    expect(visible({ includeCategories: ['Tools > Dri'] }, cordless)).toBe(false);
  });

  test('category paths are compared after trimming the levels', () => {
    expect(visible({ includeCategories: ['Tools>Drills '] }, cordless)).toBe(true);
    expect(visible({ includeCategories: ['Tools > Drills'] }, { sku: 'X', categoryPath: ' Tools >Drills> Cordless' })).toBe(true);
  });

  test('excludeCategories removes subtrees', () => {
    const rules = { excludeCategories: ['Tools > Drills'] };
    expect(visible(rules, cordless)).toBe(false);
    expect(visible(rules, saw)).toBe(true);
    expect(visible(rules, screw)).toBe(true);
  });

  test('an excluded subtree inside an included one is removed', () => {
    const rules = { includeCategories: ['Tools'], excludeCategories: ['Tools > Drills'] };
    expect(visible(rules, saw)).toBe(true);
    expect(visible(rules, cordless)).toBe(false);
    expect(visible(rules, screw)).toBe(false);
  });

  test('excluding a parent of an included category wins', () => {
    expect(visible({ includeCategories: ['Tools > Drills'], excludeCategories: ['Tools'] }, cordless)).toBe(false);
  });

  test('includeSkus adds single SKUs outside the included categories', () => {
    const rules = { includeCategories: ['Fasteners'], includeSkus: ['DRL-100'] };
    expect(visible(rules, cordless)).toBe(true);
    expect(visible(rules, saw)).toBe(false);
    expect(visible(rules, screw)).toBe(true);
  });

  test('includeSkus also brings back a SKU from an excluded category', () => {
    const rules = { excludeCategories: ['Tools'], includeSkus: ['DRL-100'] };
    expect(visible(rules, cordless)).toBe(true);
    expect(visible(rules, saw)).toBe(false);
  });

  test('excludeSkus wins over everything, includeSkus too', () => {
    expect(visible({ excludeSkus: ['DRL-100'] }, cordless)).toBe(false);
    expect(visible({ excludeSkus: ['DRL-100'] }, saw)).toBe(true);
    expect(visible({ includeCategories: ['Tools'], includeSkus: ['DRL-100'], excludeSkus: ['DRL-100'] }, cordless)).toBe(false);
  });

  test('includeSkus alone, with no included categories, leaves the whole catalog visible', () => {
    expect(visible({ includeSkus: ['DRL-100'] }, screw)).toBe(true);
  });

  test('a buyer sees the union of their views', () => {
    const drills = view({ includeCategories: ['Tools > Drills'] }, { viewId: 1 });
    const fasteners = view({ includeCategories: ['Fasteners'] }, { viewId: 2 });
    const compiled = compileViews([drills, fasteners]);
    expect(isVisible(compiled, { catalogId: 1, ...cordless }, NOW)).toBe(true);
    expect(isVisible(compiled, { catalogId: 1, ...screw }, NOW)).toBe(true);
    expect(isVisible(compiled, { catalogId: 1, ...saw }, NOW)).toBe(false);
    expect(isVisible(compileViews([]), { catalogId: 1, ...saw }, NOW)).toBe(false);
  });

  test('a hidden item has no price even when a rule would apply to it', () => {
    const v = view({ excludeSkus: ['DRL-100'], fixedPrices: [{ sku: 'DRL-100', priceMinor: 1 }] });
    expect(netUnitPrice(item(), [v], 1, NOW)).toBeNull();
  });
});
