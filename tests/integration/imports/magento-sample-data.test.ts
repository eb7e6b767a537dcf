import { sharedData } from '#tests/support/shared-data.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { openPipelineWorld, type PipelineWorld } from './pipeline-world.ts';
import { handMadeZip } from '#tests/unit/imports/helpers.ts';

// Real third-party files: the Magento 2 Luma sample catalog (github.com/magento/magento2-sample-data,
// OSL-3.0/AFL-3.0) and six of its product photos, read in place from the shared data folder and
// never copied into the project; uploaded through the whole pipeline as a supplier would.
const sample = sharedData('magento2-sample-data');
const images = sharedData('images/magento');
const DIR = sample.path;
const IMAGES = images.path;

describe.skipIf(!sample.present || !images.present)(`Magento sample catalog through the pipeline ${sample.reason || images.reason}`, () => {
  let w: PipelineWorld;
  let catalogId: number;
  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Luma gear', 'USD')).id;
  });
  afterAll(() => w.close());

  test('the gear bags CSV (multi-line HTML descriptions, category paths) becomes a live revision', async () => {
    const rev = await w.uploadAndRead(catalogId, await readFile(`${DIR}/CatalogSampleData__SimpleProduct_products_gear_bags.csv`), 'gear_bags.csv');
    expect(rev).toMatchObject({ state: 'ready', format: 'csv', itemCount: 14, errorCount: 0 });
    const items = await w.itemsOf(rev.id);
    expect(items[0]).toMatchObject({ sku: '24-MB01', name: 'Joust Duffle Bag', priceMinor: 3400 });
    expect(items.every((i) => i.categoryPath.startsWith('Gear'))).toBe(true);
    await w.publish(rev.id);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
  });

  test('1994 configurable products in a ZIP with six of their photos: photos stored once, missing ones warned about', async () => {
    const photos = (await readdir(IMAGES)).filter((f) => f.endsWith('.jpg'));
    const zip = handMadeZip([
      { name: 'luma/products.csv', data: await readFile(`${DIR}/ConfigurableSampleData__products.csv`) },
      ...(await Promise.all(photos.map(async (f) => ({ name: `luma/images/${f}`, data: await readFile(`${IMAGES}/${f}`), store: true })))),
    ]);
    const rev = await w.uploadAndRead(catalogId, zip, 'luma.zip');
    expect(rev).toMatchObject({ state: 'ready', format: 'zip', itemCount: 1994, errorCount: 0 });
    const items = await w.itemsOf(rev.id);
    const withImages = items.filter((i) => i.images.length > 0);
    expect(withImages.length).toBeGreaterThan(0);
    const hashes = new Set(withImages.flatMap((i) => i.images));
    expect(hashes.size).toBeLessThanOrEqual(photos.length);
    const warnings = await w.problems(rev.id);
    expect(warnings.every((p) => p.severity === 'warning')).toBe(true);
    expect(warnings.some((p) => /there is no file named "\/m\/h\/mh01-black_main\.jpg" in the ZIP/.test(p.message))).toBe(true);
    expect(rev.diffSummary).toMatchObject({ added: 1994, removed: 14, changed: 0 });
  });
});
