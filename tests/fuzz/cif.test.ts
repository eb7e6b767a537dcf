import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations, textBoundaries } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { cifBytes, cifRecipe } from './support/seeds/cif.ts';

// Ariba CIF 3.0 catalogs (full and incremental loads) with broken headers, quoting and charsets.
test('fuzz: CIF catalogs end parsed or in a located error', async () => {
  const runs = 1000;
  const stats = await fuzzParser({
    label: 'cif',
    runs,
    arbitrary: fc.record({ recipe: cifRecipe, mutations: byteMutations(), live: fc.boolean() }),
    toCase: ({ recipe, mutations, live }) => {
      const bytes = cifBytes(recipe);
      return { target: 'supplier-upload', bytes: applyByteMutations(bytes, mutations, textBoundaries(bytes)), name: 'catalog.cif', live, currency: 'EUR' };
    },
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
