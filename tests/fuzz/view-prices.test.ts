import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations, textBoundaries } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { csvBytes, csvRecipe } from './support/seeds/table.ts';
import { xlsxFile, xlsxRecipe } from './support/seeds/xlsx.ts';

// Sales' fixed net price lists for a customer view (CSV or XLSX: SKU, fixed price, breaks).
const file = fc.oneof(
  { weight: 4, arbitrary: csvRecipe.map((recipe) => { const bytes = csvBytes(recipe); return { bytes, boundaries: textBoundaries(bytes) }; }) },
  { weight: 1, arbitrary: xlsxRecipe.map((recipe) => xlsxFile(recipe)) },
);

test('fuzz: fixed-price uploads for customer views end read or in a located error', async () => {
  const runs = 1000;
  const stats = await fuzzParser({
    label: 'view-prices',
    runs,
    arbitrary: fc.record({ file, mutations: byteMutations(), currency: fc.constantFrom('EUR', 'EUR', 'JPY', 'KWD') }),
    toCase: ({ file: { bytes, boundaries }, mutations, currency }) => ({
      target: 'view-prices', bytes: applyByteMutations(bytes, mutations, boundaries), name: 'fixed-prices.csv', live: true, currency,
    }),
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
