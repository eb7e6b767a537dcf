import fc from 'fast-check';
import { expect, test } from 'vitest';
import { applyByteMutations, byteMutations } from './support/mutate.ts';
import { FUZZ_SCALE, FUZZ_TEST_MS, fuzzParser } from './support/run-fuzz.ts';
import { imageSeeds } from './support/seeds/images.ts';
import { reportSeeds, sharedSeeds } from './support/shared-data.ts';

// checkImage on damaged images, image bombs and files that only pretend to be images.
const real = sharedSeeds('images/magento', '.jpg');
reportSeeds('images', real);
const images = [...(await imageSeeds()), ...real];

test('fuzz: image checks end accepted or refused with a reason naming the file', async () => {
  const runs = 600;
  const stats = await fuzzParser({
    label: 'images',
    runs,
    arbitrary: fc.record({ seed: fc.nat({ max: images.length - 1 }), mutations: byteMutations() }),
    toCase: ({ seed, mutations }) => ({ target: 'check-image', bytes: applyByteMutations(images[seed]!.bytes, mutations), name: images[seed]!.name, live: false, currency: 'EUR' }),
  });
  expect(stats.files).toBeGreaterThanOrEqual(runs * FUZZ_SCALE);
}, FUZZ_TEST_MS);
