import { describe, expect, test } from 'vitest';
import { recognizeHeaders } from '#features/ingest/mapping/recognize-headers.ts';
import { validateRow, type ImportProblem } from '#features/ingest/checks/validate-row.ts';

const HEADERS = ['Art.-Nr.', 'Bezeichnung', 'Beschreibung', 'Warengruppe', 'Preis', 'Preis ab 10', 'Preis ab 50', 'Währung', 'ME', 'EAN', 'Hersteller', 'Hersteller-Nr.', 'Mindestmenge', 'Bild', 'Bild 2', 'Farbe'];
const mapping = recognizeHeaders(HEADERS);

function row(values: Partial<Record<(typeof HEADERS)[number], string>>): string[] {
  return HEADERS.map((h) => values[h] ?? '');
}

const GOOD = {
  'Art.-Nr.': 'SCH-4711', Bezeichnung: 'Holzschraube 4x40', Beschreibung: ' Senkkopf, Torx ', Warengruppe: 'Befestigung > Schrauben',
  Preis: '12,50', 'Preis ab 10': '11,90', 'Preis ab 50': '10,50', Währung: 'EUR', ME: 'Pck', EAN: '4006381333931',
  Hersteller: 'Würth', 'Hersteller-Nr.': '0151 40 40', Mindestmenge: '2', Bild: 'a.jpg; b.jpg', 'Bild 2': 'c.jpg', Farbe: 'silber',
};

const only = (problems: ImportProblem[]) => problems.map((p) => [p.severity, p.column, p.value]);

describe('validateRow', () => {
  test('a complete row becomes an item draft', () => {
    expect(validateRow(row(GOOD), mapping, 'EUR', 7)).toEqual({
      problems: [],
      item: {
        rowNumber: 7, sku: 'SCH-4711', name: 'Holzschraube 4x40', description: 'Senkkopf, Torx', categoryPath: 'Befestigung > Schrauben',
        unit: 'Pck', priceMinor: 1250, tiers: [{ minQty: 10, priceMinor: 1190 }, { minQty: 50, priceMinor: 1050 }], minOrderQty: 2,
        gtin: '4006381333931', manufacturer: 'Würth', mpn: '0151 40 40', attributes: { Farbe: 'silber' }, images: ['a.jpg', 'b.jpg', 'c.jpg'],
      },
    });
  });

  test('optional fields default sensibly', () => {
    const { item } = validateRow(row({ 'Art.-Nr.': '1', Bezeichnung: 'x', Preis: '1' }), mapping, 'EUR', 2);
    expect(item).toMatchObject({ unit: 'piece', minOrderQty: 1, gtin: null, manufacturer: null, mpn: null, tiers: [], images: [], attributes: {}, categoryPath: '', description: '' });
  });

  test('missing SKU, name and price are errors naming row and column', () => {
    const result = validateRow(row({}), mapping, 'EUR', 12);
    expect(result.item).toBeNull();
    expect(result.problems).toEqual([
      { severity: 'error', rowNumber: 12, sku: null, column: 'Art.-Nr.', value: '', expected: 'an article number (SKU)', message: 'Row 12, column "Art.-Nr.": the SKU is missing; expected an article number (SKU).' },
      { severity: 'error', rowNumber: 12, sku: null, column: 'Bezeichnung', value: '', expected: 'the product name', message: 'Row 12, column "Bezeichnung": the name is missing; expected the product name.' },
      { severity: 'error', rowNumber: 12, sku: null, column: 'Preis', value: '', expected: 'an amount in EUR', message: 'Row 12, column "Preis": the price is missing; expected an amount in EUR.' },
    ]);
  });

  test('a bad price names the value and what was expected', () => {
    const [problem] = validateRow(row({ ...GOOD, Preis: '12,3456' }), mapping, 'EUR', 3).problems;
    expect(problem).toEqual({
      severity: 'error', rowNumber: 3, sku: GOOD['Art.-Nr.'], column: 'Preis', value: '12,3456', expected: 'an amount in EUR such as 12.50',
      message: 'Row 3, column "Preis": "12,3456" is not a valid price: EUR has only 2 decimals; expected an amount in EUR such as 12.50.',
    });
  });

  test('a SKU longer than 64 characters is an error', () => {
    const sku = 'X'.repeat(65);
    expect(only(validateRow(row({ ...GOOD, 'Art.-Nr.': sku }), mapping, 'EUR', 3).problems)).toEqual([['error', 'Art.-Nr.', sku]]);
  });

  test('a bad tier price is an error on its column', () => {
    const result = validateRow(row({ ...GOOD, 'Preis ab 50': 'ca. 10' }), mapping, 'EUR', 3);
    expect(result.item).toBeNull();
    expect(result.problems[0]).toMatchObject({ column: 'Preis ab 50', value: 'ca. 10', message: expect.stringMatching(/^Row 3, column "Preis ab 50": the price from 50 units: "ca\. 10" is not a valid price/) });
  });

  test('a quantity break from 1 unit (from a saved mapping) is an error', () => {
    const withOne = recognizeHeaders(['SKU', 'Name', 'Price', 'Price 1'], { 'Price 1': 'tier:1' });
    const problems = validateRow(['1', 'a', '5', '4'], withOne, 'EUR', 2).problems;
    expect(only(problems)).toEqual([['error', 'Price 1', '4']]);
  });

  test('quantity breaks that do not lower the price are warnings, and the item is kept', () => {
    const result = validateRow(row({ ...GOOD, 'Preis ab 10': '12,50', 'Preis ab 50': '13,00' }), mapping, 'EUR', 4);
    expect(result.item?.tiers).toEqual([{ minQty: 10, priceMinor: 1250 }, { minQty: 50, priceMinor: 1300 }]);
    expect(result.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Row 4: the price from 10 units (12.50) is not lower than the list price (12.50).'],
      ['warning', 'Row 4: the price from 50 units (13.00) is not lower than the price from 10 units (12.50).'],
    ]);
  });

  test('a currency different from the catalog currency is an error', () => {
    expect(only(validateRow(row({ ...GOOD, Währung: 'CHF' }), mapping, 'EUR', 3).problems)).toEqual([['error', 'Währung', 'CHF']]);
    expect(validateRow(row({ ...GOOD, Währung: '€' }), mapping, 'EUR', 3).problems).toEqual([]);
    expect(only(validateRow(row({ ...GOOD, Währung: 'Euro' }), mapping, 'EUR', 3).problems)).toEqual([['error', 'Währung', 'Euro']]);
  });

  test('a price column whose header names another currency is an error', () => {
    const usd = recognizeHeaders(['SKU', 'Name', 'Price USD']);
    expect(validateRow(['1', 'a', '5'], usd, 'EUR', 2).problems[0]?.message).toBe('Row 2, column "Price USD": the column holds prices in USD, but this catalog\'s prices are in EUR; expected prices in EUR.');
  });

  test('a GTIN with a wrong check digit is an error', () => {
    const [problem] = validateRow(row({ ...GOOD, EAN: '4006381333932' }), mapping, 'EUR', 3).problems;
    expect(problem).toMatchObject({ column: 'EAN', value: '4006381333932', expected: 'a GTIN/EAN of 8, 12, 13 or 14 digits with a valid check digit' });
  });

  test.each(['2.5', 'zwei', '0', '-1'])('minimum order quantity %j is an error', (value) => {
    expect(only(validateRow(row({ ...GOOD, Mindestmenge: value }), mapping, 'EUR', 3).problems)).toEqual([['error', 'Mindestmenge', value]]);
  });

  test('a minimum order quantity written as 10,00 is 10', () => {
    expect(validateRow(row({ ...GOOD, Mindestmenge: '10,00' }), mapping, 'EUR', 3).item?.minOrderQty).toBe(10);
  });

  test.each([
    ['Tools > Drills > Cordless', 'Tools > Drills > Cordless'], ['Tools>Drills', 'Tools > Drills'], ['Tools / Drills', 'Tools > Drills'],
    ['Tools|Drills|', 'Tools > Drills'], ['Fasteners > Nuts/Bolts', 'Fasteners > Nuts/Bolts'], ['Single', 'Single'],
  ])('category path %j → %j', (path, expected) => {
    expect(validateRow(row({ ...GOOD, Warengruppe: path }), mapping, 'EUR', 3).item?.categoryPath).toBe(expected);
  });

  test('several categories in one cell: the first is used, with a warning', () => {
    const result = validateRow(row({ ...GOOD, Warengruppe: 'Shop/Men/Tees,Shop/Sale,Shop' }), mapping, 'EUR', 3);
    expect(result.item?.categoryPath).toBe('Shop > Men > Tees');
    expect(result.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Row 3, column "Warengruppe": the row lists 3 categories; only the first, "Shop > Men > Tees", is used; expected one category per product.'],
    ]);
    expect(validateRow(row({ ...GOOD, Warengruppe: 'Gear\nBags' }), mapping, 'EUR', 3).item?.categoryPath).toBe('Gear');
    expect(validateRow(row({ ...GOOD, Warengruppe: 'Tools > Nuts, Bolts' }), mapping, 'EUR', 3).problems).toEqual([]);
  });

  test('category level columns are joined in level order, skipping empty levels', () => {
    const levels = recognizeHeaders(['SKU', 'Name', 'Price', 'Category 2', 'Category 1', 'Category 3']);
    expect(validateRow(['1', 'a', '5', 'Drills', 'Tools', ''], levels, 'EUR', 2).item?.categoryPath).toBe('Tools > Drills');
  });

  test('a value beyond the last header is a warning', () => {
    const problems = validateRow([...row(GOOD), '', 'stray'], mapping, 'EUR', 3).problems;
    expect(problems.map((p) => [p.severity, p.message])).toEqual([['warning', 'Row 3: column 18 has a value but no header, so it was ignored.']]);
  });

  test('a price of 0 is a warning', () => {
    expect(only(validateRow(row({ ...GOOD, Preis: '0,00', 'Preis ab 10': '', 'Preis ab 50': '' }), mapping, 'EUR', 3).problems)).toEqual([['warning', 'Preis', '0,00']]);
  });
});
