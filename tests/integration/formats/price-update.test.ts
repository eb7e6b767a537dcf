import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openFormatsWorld, type FormatsWorld } from './formats-world.ts';

let world: FormatsWorld;
beforeAll(async () => { world = await openFormatsWorld(); });
afterAll(() => world.close());

const FULL = [
  'SKU;Name;Kategorie;Preis;Staffelpreis ab 10;Mindestmenge',
  'S-1;Schraube 3x12;Schrauben;2,97;2,76;1',
  'S-2;Schraube 3x20;Schrauben;3,72;3,46;1',
  'S-3;Schraube 3x25;Schrauben;3,82;;5',
  'S-4;Schraube 3x30;Schrauben;4,21;;1',
].join('\r\n');

describe('a price list with only SKU and price columns is a price update', () => {
  let catalogId: number;
  let liveId: number;
  beforeAll(async () => {
    catalogId = (await world.newCatalog('Schrauben')).id;
    const { revision } = await world.upload(catalogId, await world.write('full.csv', iconv.encode(FULL, 'windows-1252')));
    await world.publish(revision.id);
    liveId = revision.id;
  });

  test('only the listed prices change; quantity breaks stay when the file has no break columns; an unknown SKU is an error naming it', async () => {
    const file = await world.write('preise.csv', iconv.encode('Artikelnummer;Preis\r\nS-2;3,99\r\nS-4;4.21\r\nS-9;1,00\r\n', 'windows-1252'));
    const { outcome, revision } = await world.upload(catalogId, file);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 4, errorCount: 1 });
    expect(revision.format).toBe('price-update-csv');
    expect(await world.diff(revision.id)).toEqual({ added: 0, removed: 0, changed: 1, baseRevisionId: liveId });
    expect(await world.diffEntries(revision.id)).toEqual([expect.objectContaining({ sku: 'S-2', beforePriceMinor: 372, afterPriceMinor: 399, fields: ['priceMinor'] })]);
    expect((await world.items(revision.id)).find((i) => i.sku === 'S-2')).toMatchObject({ name: 'Schraube 3x20', categoryPath: 'Schrauben', tiers: [{ minQty: 10, priceMinor: 346 }] });
    expect((await world.problems(revision.id)).filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({
      rowNumber: 4, column: 'Artikelnummer', value: 'S-9',
      message: 'Row 4, column "Artikelnummer": S-9 is not in the live revision of this catalog, so its price cannot be changed; a price update changes existing items only; expected a SKU of the live revision.',
    })]);
  });

  test('with break columns, the breaks are replaced too; a bad price is an error on its cell and the item keeps its price', async () => {
    const file = await world.write('preise-staffel.csv', 'SKU,Price,Price 10+,Remarks\nS-1,3.10,2.90,new\nS-3,abc,,\n');
    const { outcome, revision } = await world.upload(catalogId, file);
    expect(outcome).toMatchObject({ state: 'ready', itemCount: 4, errorCount: 1, warningCount: 1 });
    expect(await world.diffEntries(revision.id)).toEqual([expect.objectContaining({ sku: 'S-1', afterPriceMinor: 310, fields: ['priceMinor', 'tiers'] })]);
    const problems = await world.problems(revision.id);
    expect(problems.find((p) => p.severity === 'error')).toMatchObject({ rowNumber: 3, column: 'Price', value: 'abc' });
    expect(problems.find((p) => p.severity === 'warning')!.message).toBe('The columns "Remarks" are not used by a price update and were ignored; only SKUs and prices change.');
    expect((await world.items(revision.id)).find((i) => i.sku === 'S-3')!.priceMinor).toBe(382);
  });

  test('a price update for a catalog with nothing live says what to do', async () => {
    const empty = await world.newCatalog('Neu');
    const { outcome } = await world.upload(empty.id, await world.write('nur-preise.csv', 'SKU;Preis\nS-1;1,00\n'));
    expect(outcome).toEqual({
      state: 'failed', needsMapping: false,
      reason: 'This file is a price update (it has SKU and price columns but no product names): it changes the live revision of "Neu", but the catalog has none yet. Upload the full catalog first. To upload it as a full price list, add a column with the product names.',
    });
  });
});
