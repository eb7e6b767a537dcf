import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations, textBoundaries } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { bmecatBytes, bmecatRecipe } from './support/seeds/bmecat.ts';
import { reportSeeds, sharedSeeds } from './support/shared-data.ts';

// BMEcat 1.2 and 2005 (new catalog, product and price updates) with hostile XML: entity
// expansion, external entities, deep nesting, lying encodings; plus real suppliers' exports.
const real = [...sharedSeeds('bmecat/olivere-bmecat', '.xml'), ...sharedSeeds('bmecat/henrikpilz-bmecatconverter', '.xml')];
reportSeeds('bmecat', real);

const seed = real.length === 0
  ? bmecatRecipe.map((recipe) => ({ bytes: bmecatBytes(recipe) }))
  : fc.oneof({ weight: 4, arbitrary: bmecatRecipe.map((recipe) => ({ bytes: bmecatBytes(recipe) })) }, { weight: 1, arbitrary: fc.constantFrom(...real) });

test('fuzz: BMEcat catalogs end parsed or in a located error', async () => {
  const runs = 1000;
  const stats = await fuzzParser({
    label: 'bmecat',
    runs,
    arbitrary: fc.record({ seed, mutations: byteMutations(), live: fc.boolean() }),
    toCase: ({ seed: { bytes }, mutations, live }) => ({
      target: 'supplier-upload', bytes: applyByteMutations(bytes, mutations, textBoundaries(bytes, '<>"&\n')), name: 'catalog.xml', live, currency: 'EUR',
    }),
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
