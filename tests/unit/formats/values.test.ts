import { describe, expect, test } from 'vitest';
import { parseDecimal, toMinorUnits, wholeNumber } from '#features/ingest/readers/decimal-amount.ts';
import { descriptionText } from '#features/ingest/readers/html-text.ts';
import { bundleOf, unitCode, unitQuantity, unitSymbol, unitWord } from '#features/ingest/readers/units.ts';
import { mediaHashOf, mediaReference } from '#features/ingest/images/media-reference.ts';
import { formatLabel } from '#features/ingest/detect/format-label.ts';
import { xmlText } from '#features/exports/xml-writer.ts';

describe('decimal amounts without floating point', () => {
  test('amounts × factor in minor units, rounded half-up', () => {
    const minor = (a: string, f: string | null, d = 2) => toMinorUnits(parseDecimal(a)!, f === null ? null : parseDecimal(f), d);
    expect(minor('1499.5', null)).toEqual({ minor: 149950, rounded: false });
    expect(minor('14.5', '0.9')).toEqual({ minor: 1305, rounded: false });
    expect(minor('0.0297', null)).toEqual({ minor: 3, rounded: true });
    expect(minor('0.0249', null)).toEqual({ minor: 2, rounded: true });
    expect(minor('0.005', null)).toEqual({ minor: 1, rounded: true });
    expect(minor('1200', null, 0)).toEqual({ minor: 1200, rounded: false });
    expect(minor('0.1', '3')).toEqual({ minor: 30, rounded: false });
  });

  test('what is not a decimal is refused; whole numbers may carry zero decimals', () => {
    expect(parseDecimal('1,234.50')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('-5')).toBeNull();
    expect(parseDecimal('12,50')).toMatchObject({ digits: 1250n, scale: 2, comma: true });
    expect(wholeNumber('10.0')).toBe(10);
    expect(wholeNumber('2.5')).toBeNull();
  });
});

describe('units', () => {
  test('UN/ECE codes read as words and back', () => {
    expect(unitWord('C62')).toBe('piece');
    expect(unitWord('PK')).toBe('pack');
    expect(unitWord('XYZ')).toBe('XYZ');
    expect(unitCode('Pack')).toBe('PK');
    expect(unitCode('pieces')).toBe('C62');
    expect(unitSymbol('MMT')).toBe('mm');
    expect(unitSymbol('-tlg.')).toBe('-tlg.');
  });

  test('bundles: "100 pieces" is 100 × C62, and reads back the same', () => {
    expect(unitQuantity('100', 'C62')).toBe('100 pieces');
    expect(bundleOf('100 pieces')).toEqual({ quantity: 100, code: 'C62' });
    expect(bundleOf('6 × XYZ')).toEqual({ quantity: 6, code: 'XYZ' });
    expect(bundleOf('Pack')).toBeUndefined();
    expect(bundleOf('10 metres of cable')).toBeUndefined();
  });
});

describe('descriptions', () => {
  test('HTML becomes plain text with list bullets; plain text with "<" stays as written', () => {
    expect(descriptionText('<p>Strong &amp; light.</p><ul><li>one</li><li>two&nbsp;parts</li></ul>')).toBe('Strong & light.\n• one\n• two parts');
    expect(descriptionText('<table><tr><td>Size</td><td>M8</td></tr></table>')).toBe('Size | M8');
    expect(descriptionText('for gaps < 5 mm and > 2 mm')).toBe('for gaps < 5 mm and > 2 mm');
  });
});

describe('references to stored images', () => {
  test('an export\'s image address gives back the content hash; other names do not', () => {
    const hash = 'a'.repeat(64);
    expect(mediaHashOf(mediaReference('https://vitrine.example/', hash, 640))).toBe(hash);
    expect(mediaHashOf(`/media/${hash}/160.webp`)).toBe(hash);
    expect(mediaHashOf('images/media.png')).toBeNull();
    expect(mediaHashOf(`https://other.example/media/${hash.slice(1)}/1.webp`)).toBeNull();
  });
});

describe('names and text for the supplier', () => {
  test('formats are named in words on the revision page', () => {
    expect(formatLabel('bmecat-2005')).toBe('BMEcat 2005 catalog');
    expect(formatLabel('bmecat-1.2-update-prices')).toBe('BMEcat 1.2 price update (T_UPDATE_PRICES)');
    expect(formatLabel('bmecat-2005-update-products')).toBe('BMEcat 2005 product update (T_UPDATE_PRODUCTS)');
    expect(formatLabel('cif-3.0-incremental')).toBe('Ariba CIF 3.0, incremental load');
    expect(formatLabel('price-update-xlsx')).toBe('price update: Excel workbook with SKUs and prices only');
    expect(formatLabel('csv')).toBeUndefined();
  });

  test('exported XML escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
    expect(xmlText('bell\u0007 and tab\t')).toBe('bell and tab\t');
  });
});
