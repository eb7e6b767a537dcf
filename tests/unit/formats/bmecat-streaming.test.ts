import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { writeLargeBmecat } from '#tests/fixtures/formats/large-bmecat.ts';
import { useTempDir } from '../imports/helpers.ts';
import { openItemSource } from '#features/ingest/pipeline/open-item-source.server.ts';
import { openTempDatabase } from '#tests/support/temp-database.ts';

const tmp = useTempDir();

test('a BMEcat file of over 100 MB is read in two streaming passes with bounded memory', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const products = 50_000;
  await tmp.write('large.xml', '');
  const path = tmp.path('large.xml');
  await writeLargeBmecat(path, products, { descriptionRepeat: 3 });
  const bytes = (await stat(path)).size;
  expect(bytes).toBeGreaterThan(100 * 1024 * 1024);

  const temp = await openTempDatabase();
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const source = await openItemSource(path, 'large.xml', {
      db: temp.database.db, mediaDir: temp.mediaDir, catalog: { id: 1, name: 'Large', currency: 'EUR', liveRevisionId: null }, now: new Date('2026-11-29T00:00:00Z'),
    });
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    let count = 0;
    let last;
    for await (const checked of source!.items) {
      count++;
      expect(checked.problems).toEqual([]);
      last = checked.item;
      if (count % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    await source!.cleanup();
    expect(count).toBe(products);
    // The last product's group is only known from the map after all products: pass 1 found it.
    expect(last).toMatchObject({ sku: `GEN-${products}`, categoryPath: `Range ${products % 20} > Family ${products % 20}.${products % 10}`, priceMinor: expect.any(Number), tiers: [expect.anything(), expect.anything()] });
    // The file holds about 110 MB (220 MB as JavaScript strings); what stays is one short map
    // entry per product (for its group) and the product being read.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  } finally {
    temp.close();
  }
}, 180_000);
