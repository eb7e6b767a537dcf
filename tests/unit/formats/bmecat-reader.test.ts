import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { rejection, useTempDir } from '../imports/helpers.ts';
import { fixture, itemsOf, problemsOf, readCatalogFile, useCatalogReader } from './read-source.ts';

useCatalogReader();
const tmp = useTempDir();

describe('BMEcat 2005 T_NEW_CATALOG', () => {
  test('reads every product with its fields, whatever the file is called', async () => {
    const { source, checked } = await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'), { name: 'prices.csv' });
    expect(source.format).toBe('bmecat-2005');
    expect(problemsOf(checked)).toEqual([]);
    const [bolt, washer, nut, anchor] = itemsOf(checked);
    expect(bolt).toMatchObject({
      rowNumber: 1, sku: 'AF-HB-M8-40-Z', name: 'Hex bolt M8 x 40 mm, steel, zinc plated, pack of 100',
      gtin: '4012300990017', mpn: 'HB-8-40-Z', manufacturer: 'Acme Fasteners', unit: 'pack', minOrderQty: 1,
    });
    expect(nut!.sku).toBe('AF-NU-M8-Z');
    expect(anchor!.gtin).toBeNull();
    expect(washer!.mpn).toBeNull();
  });

  test('categories come from the group tree, mapped after the products, without the root group', async () => {
    const items = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked);
    expect(items.map((i) => i.categoryPath)).toEqual(['Screws & bolts > Hex bolts', 'Nuts and washers > Washers', 'Nuts and washers > Nuts', 'Anchors']);
  });

  test('the price block valid now is used, with LOWER_BOUND breaks, net_list before nrp, in the catalog currency only', async () => {
    const [bolt] = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked);
    expect(bolt!.priceMinor).toBe(1240);
    expect(bolt!.tiers).toEqual([{ minQty: 10, priceMinor: 1120 }, { minQty: 50, priceMinor: 1050 }]);
  });

  test('a price for 100 order units makes the item a bundle of 100, with quantities counted in bundles', async () => {
    const washer = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked)[1]!;
    expect(washer).toMatchObject({ unit: '100 pieces', priceMinor: 315, minOrderQty: 5, tiers: [{ minQty: 10, priceMinor: 290 }] });
    expect(washer.attributes).not.toHaveProperty('Order in multiples of');
  });

  test('net_customer is the list price when there is no net_list', async () => {
    const anchor = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked)[3]!;
    expect(anchor).toMatchObject({ priceMinor: 725, unit: 'box', minOrderQty: 2 });
  });

  test('features become typed attributes: ETIM codes with their description, values with unit symbols', async () => {
    const [bolt] = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked);
    expect(bolt!.attributes).toEqual({
      'ETIM class': 'EC000087', 'EF000008 Thread diameter': '8 mm', 'EF000001 Length': '40 mm', Material: 'Steel', Standard: 'ISO 4017, DIN 933',
      Contents: '100 pieces per pack', 'Delivery time (working days)': '2',
    });
  });

  test('HTML in DESCRIPTION_LONG becomes plain text; the catalog language wins among DESCRIPTION_SHORTs', async () => {
    const [bolt, , , anchor] = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked);
    expect(bolt!.description).toBe('Hex bolt to ISO 4017, property class 8.8.\n• Thread M8, length 40 mm\n• Zinc plated & passivated');
    expect(anchor!.description).toBe('Universal anchor for solid and hollow masonry.\nUse with 6-8 mm wood screws.');
    expect(bolt!.name).not.toContain('Sechskant');
  });

  test('images: pictures only (no data sheet or logo), in MIME_ORDER, thumbnails only when nothing larger exists', async () => {
    const items = itemsOf((await readCatalogFile(fixture('bmecat-2005-new-catalog.xml'))).checked);
    expect(items.map((i) => i.images)).toEqual([['images/hex-bolt-z.png'], ['images/washer-z.png'], ['images/hex-nut-z.png'], ['images/anchor.png', 'images/anchor-side.png']]);
  });
});

describe('BMEcat 1.2 T_NEW_CATALOG (ARTICLE, SUPPLIER_AID, ARTICLE_PRICE)', () => {
  test('maps onto the same fields, decoding ISO-8859-1 as the declaration says', async () => {
    const { source, checked } = await readCatalogFile(fixture('bmecat-1.2-new-catalog-latin1.xml'));
    expect(source.format).toBe('bmecat-1.2');
    expect(problemsOf(checked)).toEqual([]);
    const [spanner, pliers] = itemsOf(checked);
    expect(spanner).toMatchObject({
      sku: 'MW-RS-1013', name: 'Ringschlüssel 10 x 13 mm, Chrom-Vanadium', gtin: '4012300990048', mpn: 'RS-1013', manufacturer: 'Müller',
      categoryPath: 'Handwerkzeuge > Schraubenschlüssel', priceMinor: 895, tiers: [{ minQty: 20, priceMinor: 810 }], unit: 'piece', images: ['ringschluessel.jpg'],
    });
    expect(spanner!.attributes).toMatchObject({ Schlüsselweite: '10, 13 mm', Material: 'Chrom-Vanadium-Stahl' });
    // PRICE_FACTOR 0.9 applies to the amount: 14.50 × 0.9 = 13.05.
    expect(pliers).toMatchObject({ sku: 'MW-KZ-180', priceMinor: 1305, categoryPath: 'Handwerkzeuge > Zangen' });
  });
});

describe('problems are named by element path', () => {
  test('each broken product gets its own errors and warnings; the valid one is kept', async () => {
    const { checked } = await readCatalogFile(fixture('bmecat-2005-invalid-values.xml'));
    expect(itemsOf(checked).map((i) => i.sku)).toEqual(['OK-1', 'COMMA-DECIMAL']);
    const errors = problemsOf(checked).filter((p) => p.severity === 'error');
    const byRow = (n: number) => errors.filter((e) => e.rowNumber === n);
    expect(byRow(2)[0]).toMatchObject({ column: 'PRODUCT[2]/SUPPLIER_PID', expected: "the supplier's article number" });
    expect(byRow(3)[0]).toMatchObject({ column: 'PRODUCT[3]/PRODUCT_DETAILS/DESCRIPTION_SHORT' });
    expect(byRow(4)[0]).toMatchObject({ column: 'PRODUCT[4]/PRODUCT_DETAILS/INTERNATIONAL_PID', value: '4012300990011' });
    expect(byRow(4)[0]!.message).toMatch(/^Product 4 \(line \d+, SUPPLIER_PID BAD-GTIN\), PRODUCT_DETAILS\/INTERNATIONAL_PID: "4012300990011" has the check digit 1, but 7 is correct/);
    expect(byRow(5)[0]!.message).toContain('prices only in USD, but this catalog\'s prices are in EUR');
    expect(byRow(6)[0]!.message).toContain('only gross prices (gros_list');
    expect(byRow(7)[0]).toMatchObject({ column: 'PRODUCT[7]/PRODUCT_PRICE_DETAILS/PRODUCT_PRICE[2]/LOWER_BOUND', value: '2.5' });
    expect(byRow(8)[0]).toMatchObject({ column: 'PRODUCT[8]/PRODUCT_PRICE_DETAILS/PRODUCT_PRICE/PRICE_AMOUNT', value: 'on request' });
    expect(byRow(10)[0]!.message).toContain('the product has no price');
    const warnings = problemsOf(checked).filter((p) => p.severity === 'warning' && p.rowNumber === 9).map((w) => w.message);
    expect(warnings).toEqual([
      expect.stringContaining('written with a decimal comma'),
      expect.stringContaining('mapped to the catalog group 99, which the file does not define'),
    ]);
    expect(itemsOf(checked)[1]).toMatchObject({ priceMinor: 1250, categoryPath: '' });
  });

  test('a file cut short fails with the line where it stops, before any product is stored', async () => {
    const whole = await readFile(fixture('bmecat-2005-new-catalog.xml'), 'utf8');
    const path = await tmp.write('cut.xml', whole.slice(0, whole.indexOf('<SUPPLIER_PID>AF-NU-M8-Z') + 200));
    const error = await rejection(readCatalogFile(path));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toMatch(/^"cut\.xml" is not well-formed XML at line \d+, column \d+ \(inside .*PRODUCT.*\): .*export it again/);
  });

  test('mismatched tags are named with their line and the elements around them', async () => {
    const whole = await readFile(fixture('bmecat-2005-new-catalog.xml'), 'utf8');
    const broken = whole.replace('<MANUFACTURER_PID>NU-8-Z</MANUFACTURER_PID>', '<MANUFACTURER_PID>NU-8-Z</MANUFACTURER_NAME>');
    const line = broken.slice(0, broken.indexOf('NU-8-Z</MANUFACTURER_NAME>')).split('\n').length;
    const error = await rejection(readCatalogFile(await tmp.write('mismatch.xml', broken)));
    expect(error).toBeInstanceOf(ImportInputError);
    expect(error.message).toContain(`at line ${line},`);
    expect(error.message).toContain('(inside T_NEW_CATALOG/PRODUCT/PRODUCT_DETAILS): unexpected close tag');
  });

  test('a BMEcat file with no transaction, another root element, or no products is refused in words', async () => {
    expect((await rejection(readCatalogFile(fixture('bmecat-without-transaction.xml')))).message)
      .toBe('"bmecat-without-transaction.xml" is a BMEcat file without a catalog in it: it has no T_NEW_CATALOG, T_UPDATE_PRODUCTS or T_UPDATE_PRICES element.');
    const cxml = await rejection(readCatalogFile(fixture('cxml-index.xml')));
    expect(cxml.message).toBe('"cxml-index.xml" is an XML file whose root element is <Index>, not a catalog Vitrine reads. Upload BMEcat (1.2 or 2005), Ariba CIF 3.0, CSV or XLSX.');
    const empty = await tmp.write('empty.xml', '<?xml version="1.0"?><BMECAT version="2005"><HEADER/><T_NEW_CATALOG></T_NEW_CATALOG></BMECAT>');
    expect((await rejection(readCatalogFile(empty))).message).toBe('"empty.xml": the BMEcat T_NEW_CATALOG holds no products (no PRODUCT or ARTICLE elements).');
  });

  test('a catalog in another currency is refused before reading products', async () => {
    const error = await rejection(readCatalogFile(fixture('bmecat-2005-new-catalog.xml'), { currency: 'USD' }));
    expect(error.message).toBe('"bmecat-2005-new-catalog.xml" is a catalog in EUR (HEADER/CATALOG/CURRENCY), but "Test catalog" is priced in USD. Upload it to a catalog in EUR, or export it in USD.');
  });

  test('an update transaction needs a live revision to change', async () => {
    const error = await rejection(readCatalogFile(fixture('bmecat-2005-update-prices.xml')));
    expect(error.message).toBe('This file is a BMEcat price update (T_UPDATE_PRICES): it changes the live revision of "Test catalog", but the catalog has none yet. Upload the full catalog first.');
  });
});

describe('price validity', () => {
  const product = (blocks: string) => `<?xml version="1.0"?><BMECAT version="2005"><HEADER><CATALOG><CURRENCY>EUR</CURRENCY></CATALOG></HEADER><T_NEW_CATALOG>
    <PRODUCT><SUPPLIER_PID>P</SUPPLIER_PID><PRODUCT_DETAILS><DESCRIPTION_SHORT>P</DESCRIPTION_SHORT></PRODUCT_DETAILS>
    <PRODUCT_ORDER_DETAILS><ORDER_UNIT>C62</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT></PRODUCT_ORDER_DETAILS>${blocks}</PRODUCT></T_NEW_CATALOG></BMECAT>`;
  const block = (start: string, end: string, amount: string) =>
    `<PRODUCT_PRICE_DETAILS><VALID_START_DATE>${start}</VALID_START_DATE><VALID_END_DATE>${end}</VALID_END_DATE><PRODUCT_PRICE price_type="net_list"><PRICE_AMOUNT>${amount}</PRICE_AMOUNT></PRODUCT_PRICE></PRODUCT_PRICE_DETAILS>`;

  test('only future prices: the next block is used, with a warning naming its start', async () => {
    const path = await tmp.write('future.xml', product(block('2027-06-01', '2027-12-31', '5.00') + block('2027-01-01', '2027-05-31', '4.00')));
    const { checked } = await readCatalogFile(path, { now: new Date('2026-11-29T00:00:00Z') });
    expect(itemsOf(checked)[0]!.priceMinor).toBe(400);
    expect(problemsOf(checked)[0]!.message).toContain('the prices are valid only from 2027-01-01; they are used as they are');
  });

  test('an end date is valid through that whole day', async () => {
    const path = await tmp.write('lastday.xml', product(block('2026-01-01', '2026-11-29', '3.00') + block('2026-11-30', '2027-12-31', '9.00')));
    const { checked } = await readCatalogFile(path, { now: new Date('2026-11-29T23:30:00Z') });
    expect(itemsOf(checked)[0]!.priceMinor).toBe(300);
    expect(problemsOf(checked)).toEqual([]);
  });

  test('more decimals than the currency are rounded half-up, with a warning', async () => {
    const path = await tmp.write('decimals.xml', product(block('2020-01-01', '2099-12-31', '0.0297')));
    const { checked } = await readCatalogFile(path);
    expect(itemsOf(checked)[0]!.priceMinor).toBe(3);
    expect(problemsOf(checked)[0]).toMatchObject({ severity: 'warning', value: '0.0297' });
    expect(problemsOf(checked)[0]!.message).toContain('it was rounded to 0.03');
  });
});
