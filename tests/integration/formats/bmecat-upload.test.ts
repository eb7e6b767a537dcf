import { sharedData } from '#tests/support/shared-data.ts';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { media } from '#db/schema/index.ts';
import { FIXTURES, openFormatsWorld, png, zipOf, type FormatsWorld } from './formats-world.ts';

let world: FormatsWorld;
beforeAll(async () => { world = await openFormatsWorld(); });
afterAll(() => world.close());

/** The fixture catalog zipped with its images, some of them in folders, as a catalog system exports it. */
async function catalogZip(): Promise<Buffer> {
  return zipOf([
    { name: 'export/catalog.xml', data: await readFile(`${FIXTURES}bmecat-2005-new-catalog.xml`) },
    { name: 'export/images/hex-bolt-z.png', data: await png(200, 200, 210) },
    { name: 'export/images/washer-z.png', data: await png(180, 180, 190) },
    { name: 'export/images/hex-nut-z.png', data: await png(160, 160, 170) },
    { name: 'export/images/anchor.png', data: await png(240, 240, 240) },
    { name: 'export/images/anchor-side.png', data: await png(230, 230, 230) },
    { name: 'export/docs/readme.pdf', data: '%PDF-1.4 not needed' },
  ]);
}

describe('a BMEcat 2005 ZIP with images through the upload pipeline', () => {
  let catalogId: number;
  let liveId: number;

  test('becomes a ready revision: items stored, images resolved against the ZIP and stored once, categories from the groups', async () => {
    catalogId = (await world.newCatalog('Fasteners BMEcat')).id;
    const path = await world.write('acme-bmecat.zip', await catalogZip());
    const { outcome, revision } = await world.upload(catalogId, path);
    expect(outcome).toEqual({ state: 'ready', itemCount: 4, errorCount: 0, warningCount: 0 });
    expect(revision.format).toBe('bmecat-2005');
    const stored = await world.items(revision.id);
    expect(stored.map((i) => [i.sku, i.categoryPath, i.priceMinor, i.images.length])).toEqual([
      ['AF-AN-10-80', 'Anchors', 725, 2],
      ['AF-HB-M8-40-Z', 'Screws & bolts > Hex bolts', 1240, 1],
      ['AF-NU-M8-Z', 'Nuts and washers > Nuts', 680, 1],
      ['AF-WA-M8-Z', 'Nuts and washers > Washers', 315, 1],
    ]);
    for (const hash of stored.flatMap((i) => i.images)) expect(await world.db.select().from(media).where(eq(media.hash, hash))).toHaveLength(1);
    expect(await world.diff(revision.id)).toEqual({ added: 4, removed: 0, changed: 0, baseRevisionId: null });
    await world.publish(revision.id);
    liveId = revision.id;
  });

  test('T_UPDATE_PRICES gives the live revision with those prices changed, and names the SKU it lacks', async () => {
    const { outcome, revision } = await world.upload(catalogId, `${FIXTURES}bmecat-2005-update-prices.xml`);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 4, errorCount: 1 });
    expect(revision.format).toBe('bmecat-2005-update-prices');
    expect(await world.diff(revision.id)).toEqual({ added: 0, removed: 0, changed: 2, baseRevisionId: liveId });
    const entries = await world.diffEntries(revision.id);
    expect(entries.map((e) => [e.sku, e.beforePriceMinor, e.afterPriceMinor, e.fields])).toEqual([
      ['AF-HB-M8-40-Z', 1240, 1290, ['priceMinor', 'tiers']],
      ['AF-WA-M8-Z', 315, 330, ['priceMinor', 'tiers']],
    ]);
    const items = await world.items(revision.id);
    // Everything else stays: images, categories, names; the washer's breaks are counted in bundles of 100.
    const live = await world.items(liveId);
    expect(items.map((i) => i.images)).toEqual(live.map((i) => i.images));
    expect(items.find((i) => i.sku === 'AF-WA-M8-Z')!.tiers).toEqual([{ minQty: 20, priceMinor: 300 }]);
    const errors = (await world.problems(revision.id)).filter((p) => p.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({
      rowNumber: 3, column: 'PRODUCT[3]/SUPPLIER_PID', value: 'AF-XX-NOT-IN-CATALOG',
      message: expect.stringMatching(/^Product 3 \(line \d+\): AF-XX-NOT-IN-CATALOG is not in the live revision of this catalog, so its price cannot be changed/),
    })]);
  });

  test('T_UPDATE_PRODUCTS changes, adds and deletes products; what it does not name stays as it was', async () => {
    const { outcome, revision } = await world.upload(catalogId, `${FIXTURES}bmecat-2005-update-products.xml`);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 4, errorCount: 0 });
    expect(await world.diff(revision.id)).toEqual({ added: 1, removed: 1, changed: 1, baseRevisionId: liveId });
    const nut = (await world.items(revision.id)).find((i) => i.sku === 'AF-NU-M8-Z')!;
    const liveNut = (await world.items(liveId)).find((i) => i.sku === 'AF-NU-M8-Z')!;
    // The update sends no MIME_INFO and no group: the nut keeps its picture and its category.
    expect(nut).toMatchObject({ name: 'Hex nut M8, steel, zinc plated, pack of 250', priceMinor: 840, images: liveNut.images, categoryPath: 'Nuts and washers > Nuts' });
    const warnings = (await world.problems(revision.id)).map((p) => p.message);
    expect(warnings).toEqual(expect.arrayContaining([
      expect.stringContaining('mapped to the catalog group 22, which the file does not define'),
      'Row 4: AF-NEVER-SOLD is marked for deletion, but the live revision has no such SKU; nothing was deleted.',
    ]));
  });

  test('a BMEcat file cut short fails with the line, and leaves nothing behind', async () => {
    const whole = await readFile(`${FIXTURES}bmecat-2005-new-catalog.xml`, 'utf8');
    const path = await world.write('cut.xml', whole.slice(0, whole.length - 400));
    const { outcome, revision } = await world.upload(catalogId, path);
    expect(outcome.state).toBe('failed');
    expect(revision.failureReason).toMatch(/^"cut\.xml" is not well-formed XML at line \d+, column \d+/);
    expect(await world.items(revision.id)).toEqual([]);
    expect((await world.catalog(catalogId)).liveRevisionId).toBe(liveId);
  });

  test('a price update to a catalog with nothing live is refused in words', async () => {
    const empty = await world.newCatalog('Empty catalog');
    const { outcome } = await world.upload(empty.id, `${FIXTURES}bmecat-2005-update-prices.xml`);
    expect(outcome).toEqual({ state: 'failed', needsMapping: false, reason: 'This file is a BMEcat price update (T_UPDATE_PRICES): it changes the live revision of "Empty catalog", but the catalog has none yet. Upload the full catalog first.' });
  });
});

describe('BMEcat 1.2', () => {
  test('a new catalog and a T_UPDATE_PRICES of it, without images: each image named is reported missing', async () => {
    const catalog = await world.newCatalog('Werkzeug');
    const first = await world.upload(catalog.id, `${FIXTURES}bmecat-1.2-new-catalog-latin1.xml`);
    expect(first.outcome).toMatchObject({ state: 'ready', itemCount: 2, errorCount: 0, warningCount: 1 });
    expect((await world.problems(first.revision.id))[0]).toMatchObject({
      severity: 'warning', rowNumber: 1, column: 'MIME_INFO/MIME/MIME_SOURCE', value: 'ringschluessel.jpg',
      message: 'Row 1: image "ringschluessel.jpg" was not delivered: upload a ZIP holding the price list and its images.',
    });
    await world.publish(first.revision.id);
    const update = await world.upload(catalog.id, `${FIXTURES}bmecat-1.2-update-prices.xml`);
    expect(update.outcome).toMatchObject({ state: 'ready', itemCount: 2, errorCount: 0 });
    expect(await world.diffEntries(update.revision.id)).toEqual([expect.objectContaining({ sku: 'MW-KZ-180', beforePriceMinor: 1305, afterPriceMinor: 1520, fields: ['priceMinor'] })]);
  });
});

// Third-party exports with their licenses, kept outside the project (../shared/data).
const real = sharedData('bmecat/henrikpilz-bmecatconverter');
const REAL = real.path;
describe.skipIf(!real.present)(`real BMEcat exports from suppliers ${real.reason}`, () => {
  test('a BMEcat 1.2 catalog with 1,660 catalog groups and HTML descriptions is read', async () => {
    const catalog = await world.newCatalog('KS Tools');
    const { outcome, revision } = await world.upload(catalog.id, `${REAL}/testCreateExcelFullDataWithCategoryTreeAndDTD.xml`);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 1, errorCount: 0 });
    const [item] = await world.items(revision.id);
    expect(item).toMatchObject({ sku: '100.1180', gtin: '4042146228586', priceMinor: 25597, categoryPath: 'KS Tools K15 > LKW-Spezialwerkzeuge > Rad- / Reifenmontage > Reifendruck-Kontrollsystem-Sätze' });
    expect(item!.description).not.toMatch(/<li|&lt;/);
    expect(item!.attributes['Breite B']).toBe('188.0 mm');
  });

  test('a BMEcat 1.2 catalog with 1,390 features and price validity dates is read', async () => {
    const catalog = await world.newCatalog('fischer');
    const { outcome, revision } = await world.upload(catalog.id, `${REAL}/testCreateExcelUserDefinedExtensionHaveFeatures.xml`);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 1, errorCount: 0 });
    const [item] = await world.items(revision.id);
    // 17.779 EUR is rounded to the cent; QUANTITY_MIN 8 is the minimum order.
    expect(item).toMatchObject({ sku: '079685', priceMinor: 1778, minOrderQty: 8, categoryPath: 'Installationssysteme > Gleitelemente > Schiebeschlitten SBS' });
  });
});
