import fc from 'fast-check';
import iconv from 'iconv-lite';
import { LIVE_SKUS } from '../target-world.server.ts';

/** Encodings suppliers' files come in (and a few they should not). */
export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'windows-1252', 'iso-8859-2', 'shift_jis', 'koi8-r', 'double-utf-8'] as const;
export type TextEncoding = (typeof ENCODINGS)[number];

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be-bom': return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'utf-16le': return iconv.encode(text, 'utf-16le');
    // The classic mistake: UTF-8 bytes read as Windows-1252 and saved as UTF-8 again.
    case 'double-utf-8': return Buffer.from(iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252'), 'utf8');
    default: return iconv.encode(text, encoding);
  }
}

export const encoding = fc.constantFrom(...ENCODINGS);

/** A SKU: mostly plausible, sometimes one the live revision has, sometimes hostile. */
export const sku = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Z]{1,4}-\d{1,5}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...LIVE_SKUS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '__proto__', 'constructor', 'x'.repeat(65), '=1+1', '../../etc/passwd', 'A\u0000B', '\uFEFFA-1') },
);

/** A product name or free text, from plain words to any Unicode. */
export const text = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.-]{0,30}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'Schraube 4×40 „verzinkt“ – 50 Stück', 'ÄÖÜäöüß€', '漢字テキスト', '<b>bold</b>', '"quoted"', 'a\nb', 'a\r\nb', '=cmd|\' /C calc\'!A0', '@SUM(1+1)', '+1', '-1', '\t') },
);

/** A price as suppliers write them, valid or not. */
export const money = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.constantFrom('1.234,56', '1,234.56', '€ 12,50', '12.50 EUR', '$3', '12,-', '0', '0,500', "1'234.50", '1 234,50', 'JPY 1200', '¥1,200') },
  { weight: 2, arbitrary: fc.constantFrom('-1', '(5.00)', '1e5', '1E+308', 'NaN', 'Infinity', '99999999999999999999', '0x10', '1.2.3', '١٢٣', '12.345678', '', ' ', '−3', '٫5', '9007199254740993') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/** A quantity (LOWER_BOUND, minimum order, quantity break). */
export const quantity = fc.oneof(
  fc.integer({ min: 1, max: 1000 }).map(String),
  fc.constantFrom('0', '-5', '2.5', '1e9', '99999999999999999999', 'ten', '', '10.000', '1,5'),
);

export const gtin = fc.oneof(fc.constantFrom('4006381333931', '4006381333932', '0', '', '12345678', '00000000000000', '4006381333931 ', 'EAN'), fc.stringMatching(/^\d{8,14}$/));
export const date = fc.oneof(fc.constantFrom('2027-01-01', '2026-12-31T23:59:59Z', '2027-13-45', '0000-00-00', '', 'yesterday', '2027-02-29', '99999-01-01', '2027-01-01T25:00:00+99:00'), fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString()));
