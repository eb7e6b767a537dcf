import fc from 'fast-check';
import { encodeText, gtin, money, sku, text, type TextEncoding } from './values.ts';

export interface CifRecipe {
  version: string;
  charset: string | null;
  loadMode: string | null;
  currency: string | null;
  fieldNames: 'default' | 'full' | 'shuffled' | 'huge' | 'missing-price' | 'duplicate';
  itemCount: string | null;
  items: { sku: string; aux: string; description: string; shortName: string; price: string; unit: string; gtin: string; del: string; image: string; currency: string; expires: string }[];
  endOfData: boolean;
  encoding: TextEncoding;
  lineEnd: '\n' | '\r\n';
}

export const cifRecipe: fc.Arbitrary<CifRecipe> = fc.record({
  version: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('3.0', '3') }, { weight: 1, arbitrary: fc.constantFrom('2.1', '3.0.1', '') }),
  charset: fc.option(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('UTF-8', '8859_1', 'Cp1252') }, { weight: 1, arbitrary: fc.constantFrom('UTF-16', 'EBCDIC', '') }), { nil: null }),
  loadMode: fc.option(fc.oneof({ weight: 6, arbitrary: fc.constantFrom('F', 'I', 'FULL', 'incremental') }, { weight: 1, arbitrary: fc.constantFrom('X', '') }), { nil: null }),
  currency: fc.option(fc.constantFrom('EUR', 'EUR', 'USD', ''), { nil: null }),
  fieldNames: fc.constantFrom('default', 'full', 'full', 'shuffled', 'huge', 'missing-price', 'duplicate'),
  itemCount: fc.option(fc.constantFrom('1', '2', '999999999999999999999', '-1', 'x'), { nil: null }),
  items: fc.array(fc.record({
    sku, aux: fc.constantFrom('', '', 'A', '/'), description: text, shortName: fc.oneof(fc.constant(''), text), price: money,
    unit: fc.constantFrom('EA', 'BX', '', 'ZZZ'), gtin, del: fc.constantFrom('', '', 'T', 'F', 'yes'), image: fc.constantFrom('', 'red.png', 'https://x.example/a.png'),
    currency: fc.constantFrom('', 'EUR', 'USD'), expires: fc.constantFrom('', '2020-01-01', '2099-12-31', '2027-13-99'),
  }), { maxLength: 8 }),
  endOfData: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  encoding: fc.oneof({ weight: 4, arbitrary: fc.constant<TextEncoding>('utf-8') }, { weight: 1, arbitrary: fc.constantFrom<TextEncoding>('utf-8-bom', 'windows-1252', 'utf-16le-bom', 'double-utf-8') }),
  lineEnd: fc.constantFrom('\n', '\r\n'),
});

const FULL = ['Supplier ID', 'Supplier Part ID', 'Supplier Part Auxiliary ID', 'Item Description', 'Short Name', 'Unit Price', 'Unit of Measure', 'GTIN', 'Delete', 'Image', 'Currency', 'Expiration Date', '__proto__'];

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function cifText(r: CifRecipe): string {
  let names = r.fieldNames === 'default' ? null : FULL;
  if (r.fieldNames === 'shuffled') names = [...FULL].reverse();
  if (r.fieldNames === 'huge') names = [...FULL, ...Array.from({ length: 5000 }, (_, i) => `Extra ${i}`)];
  if (r.fieldNames === 'missing-price') names = FULL.filter((n) => n !== 'Unit Price');
  if (r.fieldNames === 'duplicate') names = [...FULL, 'Unit Price', 'Supplier Part ID'];
  const lines = [
    `CIF_I_V${r.version}`,
    ...(r.charset === null ? [] : [`CHARSET: ${r.charset}`]),
    ...(r.loadMode === null ? [] : [`LOADMODE: ${r.loadMode}`]),
    ...(r.currency === null ? [] : [`CURRENCY: ${r.currency}`]),
    ...(r.itemCount === null ? [] : [`ITEMCOUNT: ${r.itemCount}`]),
    ...(names === null ? [] : [`FIELDNAMES: ${names.map(quote).join(',')}`]),
    'DATA',
    ...r.items.map((it) => {
      const values: Record<string, string> = {
        'Supplier ID': '123456789', 'Supplier Part ID': it.sku, 'Supplier Part Auxiliary ID': it.aux, 'Item Description': it.description, 'Short Name': it.shortName,
        'Unit Price': it.price, 'Unit of Measure': it.unit, GTIN: it.gtin, Delete: it.del, Image: it.image, Currency: it.currency, 'Expiration Date': it.expires,
        'Manufacturer Part ID': '', 'SPSC Code': '39111501', 'Lead Time': '3', 'Manufacturer Name': 'Fuzz', 'Supplier URL': '', 'Manufacturer URL': '', 'Market Price': '',
      };
      return (names ?? ['Supplier ID', 'Supplier Part ID', 'Manufacturer Part ID', 'Item Description', 'SPSC Code', 'Unit Price', 'Unit of Measure', 'Lead Time', 'Manufacturer Name', 'Supplier URL', 'Manufacturer URL', 'Market Price'])
        .map((n) => quote(Object.hasOwn(values, n) ? values[n]! : 'x')).join(',');
    }),
    ...(r.endOfData ? ['ENDOFDATA'] : []),
  ];
  return lines.join(r.lineEnd) + r.lineEnd;
}

export function cifBytes(r: CifRecipe): Uint8Array {
  return encodeText(cifText(r), r.encoding);
}
