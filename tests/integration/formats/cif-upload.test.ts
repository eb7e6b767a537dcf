import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURES, openFormatsWorld, png, zipOf, type FormatsWorld } from './formats-world.ts';

let world: FormatsWorld;
beforeAll(async () => { world = await openFormatsWorld(); });
afterAll(() => world.close());

describe('Ariba CIF 3.0 through the upload pipeline', () => {
  let catalogId: number;
  let liveId: number;

  test('a full load in a ZIP with its images becomes a ready revision', async () => {
    catalogId = (await world.newCatalog('Lighting CIF')).id;
    const path = await world.write('lighting.zip', zipOf([
      { name: 'lighting.cif', data: await readFile(`${FIXTURES}cif-3.0-full.cif`) },
      { name: 'images/downlight-w.png', data: await png(250, 250, 250) },
      { name: 'images/downlight-b.png', data: await png(20, 20, 20) },
    ]));
    const { outcome, revision } = await world.upload(catalogId, path);
    expect(outcome).toEqual({ state: 'ready', itemCount: 4, errorCount: 0, warningCount: 1 });
    expect(revision.format).toBe('cif-3.0');
    const items = await world.items(revision.id);
    expect(items.map((i) => [i.sku, i.priceMinor, i.images.length])).toEqual([['BL-BOX-12', 235, 0], ['BL-CAB-3M', 413, 0], ['BL-DL-7W-B', 1920, 1], ['BL-DL-7W-W', 1840, 1]]);
    await world.publish(revision.id);
    liveId = revision.id;
  });

  test('an incremental load changes, adds and deletes items of the live revision; the rest is carried over', async () => {
    const { outcome, revision } = await world.upload(catalogId, `${FIXTURES}cif-3.0-incremental.cif`);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 4, errorCount: 0 });
    expect(revision.format).toBe('cif-3.0-incremental');
    expect(await world.diff(revision.id)).toEqual({ added: 1, removed: 1, changed: 1, baseRevisionId: liveId });
    const changed = (await world.diffEntries(revision.id)).find((e) => e.kind === 'changed')!;
    // The line names no image, no GTIN, no attributes: it replaces the item, keeping only its picture.
    expect(changed).toMatchObject({ sku: 'BL-DL-7W-W', beforePriceMinor: 1840, afterPriceMinor: 1790 });
    const [item] = (await world.items(revision.id)).filter((i) => i.sku === 'BL-DL-7W-W');
    expect(item!.images).toHaveLength(1);
    expect((await world.problems(revision.id)).map((p) => p.message)).toContain('Row 10: BL-GONE-1 is marked for deletion, but the live revision has no such SKU; nothing was deleted.');
  });

  test('a CIF file without ENDOFDATA fails, storing nothing and leaving the live revision live', async () => {
    const { outcome, revision } = await world.upload(catalogId, `${FIXTURES}cif-3.0-cut-short.cif`);
    expect(outcome).toEqual({ state: 'failed', needsMapping: false, reason: '"cif-3.0-cut-short.cif" ends without ENDOFDATA after 2 items: it may be cut short. Export it again; nothing was loaded.' });
    expect(await world.items(revision.id)).toEqual([]);
    expect((await world.catalog(catalogId)).liveRevisionId).toBe(liveId);
  });

  test('duplicate part numbers are caught by the shared pipeline check', async () => {
    const text = (await readFile(`${FIXTURES}cif-3.0-full.cif`, 'utf8')).replace('BL-DL-7W-B,', 'BL-DL-7W-W,');
    const { outcome, revision } = await world.upload(catalogId, await world.write('dup.cif', text));
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 3, errorCount: 1 });
    expect((await world.problems(revision.id)).find((p) => p.severity === 'error')).toMatchObject({
      rowNumber: 14, column: 'Supplier Part ID', message: 'Row 14: SKU BL-DL-7W-W already appears in row 13.',
    });
  });
});
