// Prices a 50-item page under one view with 200 rules, 10,000 times, and prints per-page
// p50/p95 in ms, one line per figure. Baseline from the same run: the same page at list
// price only (supplier tiers, no view), since absolute times on these machines are noisy.
// Run: node_modules/.bin/node bench/pricing-page.ts
import type { ViewRules } from '#db/schema/views.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { listUnitPrice } from '#features/pricing/tiers.ts';
import type { PricedItemInput, ViewVersionInput } from '#features/pricing/types.ts';

const RUNS = 10_000;
const WARMUP = 1_000;
const now = new Date('2027-06-15T12:00:00Z');

// 200 rules: catalog rule, 120 category rules over 3 levels, 75 fixed prices (some tiered), 4 visibility rules.
const catalog: ViewRules['catalogs'][number] = {
  catalogId: 1, percentOff: 5, categoryPercentOff: [], fixedPrices: [],
  excludeSkus: ['ITEM-49'], excludeCategories: ['Cat 39 > Hidden'], includeSkus: ['ITEM-1'],
};
for (let c = 0; c < 40; c++) {
  catalog.categoryPercentOff?.push(
    { categoryPath: `Cat ${c}`, percentOff: 10 + (c % 20) },
    { categoryPath: `Cat ${c} > Sub ${c % 2}`, percentOff: 12.5 },
    { categoryPath: `Cat ${c} > Sub ${c % 2} > Leaf`, percentOff: 33.33 },
  );
}
for (let n = 0; n < 75; n++) {
  catalog.fixedPrices?.push({ sku: `ITEM-${n * 7}`, priceMinor: 900 + n, tiers: n % 3 === 0 ? [{ minQty: 10, priceMinor: 800 }, { minQty: 50, priceMinor: 700 }] : [] });
}
catalog.excludeCategories?.push('Cat 38 > Hidden');
const ruleCount = 1 + (catalog.categoryPercentOff?.length ?? 0) + (catalog.fixedPrices?.length ?? 0)
  + (catalog.excludeSkus?.length ?? 0) + (catalog.excludeCategories?.length ?? 0) + (catalog.includeSkus?.length ?? 0);
if (ruleCount !== 200) throw new Error(`bench view has ${ruleCount} rules, expected 200`);
const views: ViewVersionInput[] = [{ viewId: 1, validFrom: '2027-01-01', validUntil: null, rules: { catalogs: [catalog] } }];

const page: PricedItemInput[] = Array.from({ length: 50 }, (_, k) => ({
  catalogId: 1,
  sku: `ITEM-${k}`,
  categoryPath: k % 4 === 0 ? 'Elsewhere > Misc' : `Cat ${k % 40} > Sub ${k % 2} > Leaf > Item`,
  priceMinor: 10_000 + 37 * k,
  tiers: [{ minQty: 10, priceMinor: 9_000 + 37 * k }, { minQty: 100, priceMinor: 8_000 + 37 * k }],
  currency: 'EUR',
}));

let sink = 0; // keeps the work observable so it is not optimized away

function measure(label: string, pricePage: () => void): number[] {
  for (let i = 0; i < WARMUP; i++) pricePage();
  const times = new Float64Array(RUNS);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    pricePage();
    times[i] = performance.now() - start;
  }
  times.sort();
  const at = (q: number) => times[Math.min(RUNS - 1, Math.floor(q * RUNS))] ?? Number.NaN;
  const p50 = at(0.5);
  const p95 = at(0.95);
  console.log(`${label}: p50 ${p50.toFixed(4)} ms per page`);
  console.log(`${label}: p95 ${p95.toFixed(4)} ms per page`);
  return [p50, p95];
}

const compiled = compileViews(views);
const qty = (k: number) => 1 + ((k * 13) % 120);

const [baseP50 = Number.NaN] = measure('baseline, list price only (50 items)', () => {
  for (let k = 0; k < page.length; k++) {
    const it = page[k] as PricedItemInput;
    sink += listUnitPrice(it.priceMinor, it.tiers, qty(k));
  }
});
const [pageP50 = Number.NaN, pageP95 = Number.NaN] = measure('page of 50 items, view of 200 rules compiled once', () => {
  for (let k = 0; k < page.length; k++) sink += priceItem(compiled, page[k] as PricedItemInput, qty(k), now)?.netMinor ?? 0;
});
const [fullP50 = Number.NaN, fullP95 = Number.NaN] = measure('page of 50 items incl. compiling the 200 rules', () => {
  const fresh = compileViews(views);
  for (let k = 0; k < page.length; k++) sink += priceItem(fresh, page[k] as PricedItemInput, qty(k), now)?.netMinor ?? 0;
});

console.log(`ratio page/baseline p50: ${(pageP50 / baseP50).toFixed(1)}`);
console.log(`ratio page incl. compile/baseline p50: ${(fullP50 / baseP50).toFixed(1)}`);
console.log(`budget 2 ms: page p95 ${pageP95 < 2 ? 'within' : 'OVER'}, incl. compile p95 ${fullP95 < 2 ? 'within' : 'OVER'}`);
if (sink === -1) console.log('unreachable');
