import { describe, expect, test } from 'vitest';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { rejection } from '../imports/helpers.ts';
import { fixture, itemsOf, problemsOf, readCatalogFile, useCatalogReader } from './read-source.ts';

useCatalogReader();

describe('Ariba CIF 3.0', () => {
  test('a full load: header, FIELDNAMES, quoted values with commas, quotes and line breaks, up to ENDOFDATA', async () => {
    const { source, checked } = await readCatalogFile(fixture('cif-3.0-full.cif'), { name: 'catalog.txt' });
    expect(source.format).toBe('cif-3.0');
    expect(source.update).toBeUndefined();
    const items = itemsOf(checked);
    expect(items.map((i) => [i.rowNumber, i.sku])).toEqual([[13, 'BL-DL-7W-W'], [14, 'BL-DL-7W-B'], [15, 'BL-CAB-3M'], [16, 'BL-BOX-12']]);
    expect(items[0]).toMatchObject({
      name: 'LED downlight 7 W, white', description: 'LED downlight 7 W, 3000 K, white, IP44 — for bathrooms and kitchens', priceMinor: 1840,
      unit: 'piece', gtin: '4012300990079', mpn: 'DL7W', manufacturer: 'Bright Lighting', images: ['images/downlight-w.png'],
      attributes: { UNSPSC: '39111501', 'Lead time (days)': '3', 'Market price': '24.90 EUR', 'Supplier URL': 'https://bright.example/dl7w', Colour: 'white' },
    });
    expect(items[2]).toMatchObject({ name: 'Connection cable 3 m, "flat" type', description: '', priceMinor: 413 });
    expect(items[3]).toMatchObject({ name: 'Junction box\nwith two lines in its description', unit: 'box' });
    expect(problemsOf(checked)).toEqual([expect.objectContaining({ severity: 'warning', rowNumber: 15, column: 'Unit Price', value: '4.1250' })]);
  });

  test('CHARSET 8859_1 is honoured', async () => {
    const items = itemsOf((await readCatalogFile(fixture('cif-3.0-latin1.cif'))).checked);
    expect(items[0]).toMatchObject({ sku: 'MW-ZG-1', name: 'Kabelbinderzange', description: 'Zange für Kabelbinder, Größe 2' });
  });

  test('each broken line gets its line number and field; ITEMCOUNT that disagrees is a warning', async () => {
    const { source, checked } = await readCatalogFile(fixture('cif-3.0-invalid-values.cif'));
    expect(itemsOf(checked).map((i) => i.sku)).toEqual(['BL-X-4']);
    expect(problemsOf(checked).map((p) => p.message)).toEqual([
      'Line 7, field "Supplier Part ID": the Supplier Part ID is missing; expected the supplier\'s part number.',
      'Line 8: the line has 6 fields; a value containing a comma (such as 1,50) must be written in double quotes; expected 5 fields, as FIELDNAMES lists.',
      'Line 9, field "Unit Price": "$3.00" is not a price; expected an amount in EUR such as 12.50 (with a decimal point).',
      'Line 10, field "Item Description": the Item Description is missing; expected a description of the item.',
    ]);
    expect(source.fileProblems!()).toEqual([expect.objectContaining({ severity: 'warning', rowNumber: 5, message: 'Line 5: ITEMCOUNT says 3 items, but the file holds 5.' })]);
  });

  test('a file without ENDOFDATA is refused as cut short', async () => {
    const error = await rejection(readCatalogFile(fixture('cif-3.0-cut-short.cif')));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toBe('"cif-3.0-cut-short.cif" ends without ENDOFDATA after 2 items: it may be cut short. Export it again; nothing was loaded.');
  });

  test('header problems name the line: another CIF version, an unknown LOADMODE, another currency', async () => {
    expect((await rejection(readCatalogFile(fixture('cif-2.1.cif')))).message).toBe('"cif-2.1.cif" is a CIF 2.1 catalog; Vitrine reads CIF 3.0. Export the catalog as CIF 3.0.');
    expect((await rejection(readCatalogFile(fixture('cif-3.0-bad-loadmode.cif')))).message).toBe('"cif-3.0-bad-loadmode.cif": line 2 says LOADMODE: X; expected F (full) or I (incremental).');
    expect((await rejection(readCatalogFile(fixture('cif-3.0-full.cif'), { currency: 'CHF' }))).message)
      .toBe('"cif-3.0-full.cif" is a catalog in EUR (CURRENCY), but "Test catalog" is priced in CHF. Upload it to a catalog in EUR.');
  });

  test('an incremental load needs a live revision to change', async () => {
    const error = await rejection(readCatalogFile(fixture('cif-3.0-incremental.cif')));
    expect(error.message).toBe('This file is an incremental CIF load (LOADMODE: I): it changes the live revision of "Test catalog", but the catalog has none yet. Upload the full catalog first.');
  });
});
