import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations, textBoundaries } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { csvBytes, csvRecipe } from './support/seeds/table.ts';

// Supplier CSV/TSV/TXT price lists in every encoding and separator the reader accepts, and
// some it should refuse cleanly, with byte-level damage on top.
test('fuzz: supplier CSV price lists end parsed or in a located error', async () => {
  const stats = await fuzzParser({
    label: 'csv',
    runs: 1000,
    arbitrary: fc.record({ recipe: csvRecipe, mutations: byteMutations(), live: fc.boolean(), name: fc.constantFrom('prices.csv', 'Preisliste.txt', 'list.tsv', 'prices.xlsx', 'x') }),
    toCase: ({ recipe, mutations, live, name }) => {
      const seed = csvBytes(recipe);
      return { target: 'supplier-upload', bytes: applyByteMutations(seed, mutations, textBoundaries(seed)), name, live, currency: 'EUR' };
    },
  });
  expect(stats.files).toBeGreaterThanOrEqual(1000 * FUZZ_SCALE);
}, FUZZ_TEST_MS);
