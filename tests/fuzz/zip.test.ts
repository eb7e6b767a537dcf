import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { imageSeeds } from './support/seeds/images.ts';
import { zipFile, zipRecipe } from './support/seeds/zip.ts';
import { reportSeeds, sharedSeeds } from './support/shared-data.ts';

// Upload ZIPs: a price list (CSV, TXT, XLSX, BMEcat or CIF) with its images, some damaged or
// only pretending to be images, under archive attacks: names climbing out of the folder,
// lying sizes and counts, overlapping entries, unknown methods, encryption, bombs.
const real = sharedSeeds('images/magento', '.jpg');
reportSeeds('zip', real);
const images = [...(await imageSeeds()), ...real];

test('fuzz: upload ZIPs with price list and images end parsed or in a located error', async () => {
  const runs = 400;
  const stats = await fuzzParser({
    label: 'zip',
    runs,
    arbitrary: fc.record({ recipe: zipRecipe(images.length), mutations: byteMutations(2), live: fc.boolean() }),
    toCase: ({ recipe, mutations, live }) => {
      const zip = zipFile(recipe, images);
      return { target: 'supplier-upload', bytes: applyByteMutations(zip.bytes, mutations, zip.boundaries), name: 'upload.zip', live, currency: 'EUR' };
    },
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
