import { expect, test } from 'vitest';
import type { ViewRules } from '#db/schema/views.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { PricedItemInput, ViewVersionInput } from '#features/pricing/types.ts';
import { NOW } from './fixtures.ts';

// A view with exactly 200 rules: 1 catalog rule, 40 top-level and 80 second-level category
// rules, 77 fixed prices (5 of them on the page), 2 visibility rules.
const catalog: ViewRules['catalogs'][number] = {
  catalogId: 1,
  percentOff: 5,
  categoryPercentOff: [],
  fixedPrices: [],
  excludeSkus: ['ITEM-49'],
  excludeCategories: ['Cat 39 > Hidden'],
};
for (let c = 0; c < 40; c++) {
  catalog.categoryPercentOff?.push(
    { categoryPath: `Cat ${c} > Sub 1`, percentOff: 40 + (c % 10) },
    { categoryPath: `Cat ${c}`, percentOff: 10 + (c % 20) },
    { categoryPath: `Cat ${c} > Sub 0`, percentOff: 30 + (c % 10) },
  );
}
for (let n = 0; n < 72; n++) catalog.fixedPrices?.push({ sku: `FX-${n}`, priceMinor: 100 + n });
for (const k of [7, 17, 27, 37, 47]) catalog.fixedPrices?.push({ sku: `ITEM-${k}`, priceMinor: 1_234 + k });

const rulesCount = 1 + (catalog.categoryPercentOff?.length ?? 0) + (catalog.fixedPrices?.length ?? 0) + 2;
const version: ViewVersionInput = { viewId: 1, validFrom: null, validUntil: null, rules: { catalogs: [catalog] } };

function categoryOf(k: number): string {
  if (k === 46) return 'Cat 39 > Hidden > Deep';
  if (k % 3 === 0) return `Cat ${k % 40} > Sub ${k % 2} > Leaf`;
  if (k % 3 === 1) return `Cat ${k % 40} > Other`;
  return 'Elsewhere > Misc';
}

const page: PricedItemInput[] = Array.from({ length: 50 }, (_, k) => ({
  catalogId: 1,
  sku: `ITEM-${k}`,
  categoryPath: categoryOf(k),
  priceMinor: 10_000 + 100 * k, // whole euros: whole percentages come out exact
  tiers: [],
  currency: 'EUR',
}));

// The expected net price, from the rules as a person would read them.
function expected(k: number): number | null {
  if (k === 49 || k === 46) return null; // excluded SKU, excluded category
  if (k % 10 === 7) return 1_234 + k; // fixed price
  const percent = k % 3 === 0 ? (k % 2 === 0 ? 30 : 40) + ((k % 40) % 10) // deepest category rule
    : k % 3 === 1 ? 10 + ((k % 40) % 20) // top-level category rule
      : 5; // catalog rule
  return ((10_000 + 100 * k) / 100) * (100 - percent);
}

test('a page of 50 items under a view with 200 rules is priced as the rules say', () => {
  expect(rulesCount).toBe(200);
  const compiled = compileViews([version]);
  const got = page.map((it) => priceItem(compiled, it, 1, NOW)?.netMinor ?? null);
  expect(got).toEqual(page.map((_, k) => expected(k)));
});

test('the simple wrapper gives the same answers as compiled pricing', () => {
  const compiled = compileViews([version]);
  for (const it of page) {
    expect(netUnitPrice(it, [version], 3, NOW)).toEqual(priceItem(compiled, it, 3, NOW));
  }
});

test('rule kinds on the page', () => {
  const compiled = compileViews([version]);
  const kinds = page.map((it) => priceItem(compiled, it, 1, NOW)?.rule.kind ?? 'hidden');
  expect(kinds.filter((k) => k === 'fixed')).toHaveLength(5);
  expect(kinds.filter((k) => k === 'hidden')).toHaveLength(2);
  expect(kinds.filter((k) => k === 'list')).toHaveLength(0);
  expect(priceItem(compiled, page[3] as PricedItemInput, 1, NOW)?.explanation).toBe('43% off Cat 3 > Sub 1 (category rule)');
});
