import { describe, expect, test } from 'vitest';
import { formatRole, parseRole } from '#features/ingest/mapping/column-role.ts';
import { headerTokens } from '#features/ingest/mapping/normalize-header.ts';
import { pickHeaderRow, recognizeHeader, recognizeHeaders, sampleValues, toSavedMapping } from '#features/ingest/mapping/recognize-headers.ts';

describe('recognizeHeader', () => {
  test.each([
    // English
    ['SKU', 'sku'], ['Article number', 'sku'], ['Item No.', 'sku'], ['Part Number', 'sku'],
    ['Title', 'name'], ['Product name', 'name'],
    ['Long description', 'description'],
    ['Unit price', 'price'], ['Net price', 'price'], ['List Price', 'price'],
    ['Currency', 'currency'], ['UOM', 'unit'], ['Unit of measure', 'unit'],
    ['Category path', 'category'], ['categories', 'category'],
    ['EAN13', 'gtin'], ['UPC', 'gtin'], ['Barcode', 'gtin'], ['GTIN', 'gtin'],
    ['Brand', 'manufacturer'], ['Manufacturer part number', 'mpn'], ['MPN', 'mpn'],
    ['MOQ', 'minOrderQty'], ['Min. order quantity', 'minOrderQty'],
    ['Image file', 'image'], ['Picture', 'image'], ['base_image', 'image'],
    // German
    ['Artikelnummer', 'sku'], ['Art.-Nr.', 'sku'], ['Artikel-Nr', 'sku'], ['ART NR', 'sku'],
    ['Bezeichnung', 'name'], ['Artikelbezeichnung', 'name'], ['Kurztext', 'name'],
    ['Beschreibung', 'description'], ['Langtext', 'description'],
    ['Preis', 'price'], ['Nettopreis', 'price'], ['Listenpreis', 'price'], ['VK', 'price'],
    ['Währung', 'currency'], ['WAEHRUNG', 'currency'],
    ['Mengeneinheit', 'unit'], ['ME', 'unit'], ['Einheit', 'unit'],
    ['Warengruppe', 'category'], ['Kategorie', 'category'],
    ['Hersteller', 'manufacturer'], ['Marke', 'manufacturer'],
    ['Herstellerartikelnummer', 'mpn'], ['Hersteller-Nr.', 'mpn'],
    ['Mindestmenge', 'minOrderQty'], ['Mindestbestellmenge', 'minOrderQty'],
    ['Bild', 'image'], ['Bilddatei', 'image'],
  ])('%j → %s', (header, field) => {
    expect(recognizeHeader(header)?.field).toBe(field);
  });

  test.each([
    ['price 10+', 10], ['Price (10+)', 10], ['price from 10', 10], ['qty 10 price', 10],
    ['Staffelpreis ab 50', 50], ['Preis ab 100', 100], ['Preis ab 100 Stk.', 100], ['Preis 10-49', 10], ['Staffelpreis 25', 25],
  ])('quantity break %j → from %i units', (header, minQty) => {
    expect(recognizeHeader(header)).toEqual({ field: 'tierPrice', minQty });
  });

  test('a price header naming a currency keeps it', () => {
    expect(recognizeHeader('Preis (EUR)')).toEqual({ field: 'price', currency: 'EUR' });
    expect(recognizeHeader('Price USD')).toEqual({ field: 'price', currency: 'USD' });
    expect(recognizeHeader('Preis €')).toEqual({ field: 'price', currency: 'EUR' });
    expect(recognizeHeader('Price 10+ CHF')).toEqual({ field: 'tierPrice', minQty: 10, currency: 'CHF' });
  });

  test.each([
    ['Category 1', 1], ['category_2', 2], ['Level 3', 3], ['Warengruppe 1', 1], ['Kategorie Ebene 2', 2],
  ])('category level %j → %i', (header, level) => {
    expect(recognizeHeader(header)).toEqual({ field: 'categoryLevel', level });
  });

  test.each(['Image 2', 'Bild 3', 'picture_4'])('numbered image column %j', (header) => {
    expect(recognizeHeader(header)).toEqual({ field: 'image' });
  });

  test.each(['Farbe', 'Gewicht (kg)', 'Preis 2', 'qty', 'Price group'])('%j is not a known field', (header) => {
    expect(recognizeHeader(header)).toBeUndefined();
  });

  test('normalization folds case, umlauts, accents and punctuation', () => {
    expect(headerTokens('  Währung/Größe (Café) ')).toEqual(['waehrung', 'groesse', 'cafe']);
  });
});

describe('recognizeHeaders', () => {
  test('maps a German price list and keeps unknown columns as attributes under their own name', () => {
    const mapping = recognizeHeaders(['Art.-Nr.', 'Bezeichnung', 'Preis', 'Staffelpreis ab 50', 'Farbe', '', 'Bild 1', 'Bild 2']);
    expect(mapping.columns.map((c) => [c.header, formatRole(c.role), c.source])).toEqual([
      ['Art.-Nr.', 'sku', 'recognized'], ['Bezeichnung', 'name', 'recognized'], ['Preis', 'price', 'recognized'],
      ['Staffelpreis ab 50', 'tier:50', 'recognized'], ['Farbe', 'attribute', 'unknown'], ['', 'ignore', 'unknown'],
      ['Bild 1', 'image', 'recognized'], ['Bild 2', 'image', 'recognized'],
    ]);
    expect(mapping.missing).toEqual([]);
    expect(mapping.duplicates).toEqual([]);
  });

  test('reports the required fields no column maps to', () => {
    expect(recognizeHeaders(['Code', 'Text', 'Betrag']).missing).toEqual(['sku', 'name', 'price']);
    expect(recognizeHeaders(['SKU', 'Text', 'Price']).missing).toEqual(['name']);
  });

  test('a saved mapping overrides recognition, matching headers exactly or normalized', () => {
    const mapping = recognizeHeaders(['Code', 'Text', 'Betrag', 'Preis'], { Code: 'sku', 'TEXT ': 'name', betrag: 'price', Preis: 'attribute' });
    expect(mapping.columns.map((c) => [formatRole(c.role), c.source])).toEqual([
      ['sku', 'saved'], ['name', 'saved'], ['price', 'saved'], ['attribute', 'saved'],
    ]);
    expect(mapping.missing).toEqual([]);
  });

  test('an unknown saved value is ignored and the column recognized anew', () => {
    expect(recognizeHeaders(['SKU'], { SKU: 'bogus' }).columns[0]!.role).toEqual({ field: 'sku' });
  });

  test('a second column for the same field is kept as an attribute and reported', () => {
    const mapping = recognizeHeaders(['SKU', 'Artikelnummer', 'Name', 'Price', 'Price from 10', 'qty 10 price']);
    expect(mapping.columns[1]!.role).toEqual({ field: 'attribute' });
    expect(mapping.columns[5]!.role).toEqual({ field: 'attribute' });
    expect(mapping.duplicates).toEqual([{ header: 'Artikelnummer', sameAs: 'SKU' }, { header: 'qty 10 price', sameAs: 'Price from 10' }]);
  });

  test('a price "from 1 unit" is the list price when there is no plain price column', () => {
    const mapping = recognizeHeaders(['SKU', 'Name', 'Preis ab 1', 'Preis ab 10']);
    expect(mapping.columns[2]!.role).toEqual({ field: 'price' });
    expect(mapping.missing).toEqual([]);
  });

  test('a saved mapping round-trips', () => {
    const mapping = recognizeHeaders(['SKU', 'Name', 'Preis', 'Preis ab 10', 'Warengruppe 2']);
    const saved = toSavedMapping(mapping);
    expect(saved).toEqual({ SKU: 'sku', Name: 'name', Preis: 'price', 'Preis ab 10': 'tier:10', 'Warengruppe 2': 'category:2' });
    expect(recognizeHeaders(['SKU', 'Name', 'Preis', 'Preis ab 10', 'Warengruppe 2'], saved).columns.map((c) => c.role))
      .toEqual(mapping.columns.map((c) => c.role));
    expect(parseRole('category:0')).toBeUndefined();
    expect(parseRole('tier:x')).toBeUndefined();
  });
});

describe('pickHeaderRow and sampleValues', () => {
  test('skips a title above the header', () => {
    expect(pickHeaderRow([['Preisliste 2027'], [], ['Artikelnummer', 'Bezeichnung', 'Preis'], ['1', 'a', '2']])).toBe(2);
    expect(pickHeaderRow([['Code', 'Text'], ['1', 'a']])).toBe(0);
  });

  test('gives the first non-empty values per column', () => {
    const samples = sampleValues(['SKU', 'Name'], [['1', ''], ['2', 'b'], ['3', 'c'], ['4', 'd']], 2);
    expect(samples).toEqual([{ index: 0, header: 'SKU', values: ['1', '2'] }, { index: 1, header: 'Name', values: ['b', 'c'] }]);
  });
});
