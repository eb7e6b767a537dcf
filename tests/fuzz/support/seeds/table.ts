import fc from 'fast-check';
import { encodeText, encoding, gtin, money, quantity, sku, text, type TextEncoding } from './values.ts';

/** A column of a generated price list: its header and how its cells are made. */
export type ColumnKind = 'sku' | 'name' | 'description' | 'price' | 'tier' | 'category' | 'unit' | 'gtin' | 'image' | 'currency' | 'moq' | 'other';

const HEADERS: Record<ColumnKind, readonly string[]> = {
  sku: ['SKU', 'Artikelnummer', 'Art.-Nr.', 'item no', 'product id'],
  name: ['Name', 'Bezeichnung', 'title', 'Kurztext'],
  description: ['Description', 'Langtext', 'details'],
  price: ['Price', 'Preis', 'Net price', 'VK', 'Preis €', 'price (USD)', 'Fixed price', 'Festpreis'],
  tier: ['Price 10+', 'Staffelpreis ab 50', 'Preis 10-49 Stk', 'price 1+', 'qty 100 price', 'Price 0+', 'Price 99999999999+'],
  category: ['Category', 'Warengruppe', 'Kategorie 1', 'Category level 2', 'Level 0'],
  unit: ['Unit', 'ME', 'UOM'],
  gtin: ['EAN', 'GTIN', 'UPC'],
  image: ['Image', 'Bild 1', 'Bilder', 'photo 2'],
  currency: ['Currency', 'Währung'],
  moq: ['MOQ', 'Mindestmenge'],
  other: ['Colour', 'Gewicht', '', 'Notes', '__proto__', 'constructor', 'toString', 'SKU', 'Price'],
};

export interface TableRecipe {
  columns: { kind: ColumnKind; header: number }[];
  rows: string[][];
  title: boolean;
  blankLines: number;
}

const cellOf = (kind: ColumnKind): fc.Arbitrary<string> => {
  switch (kind) {
    case 'sku': return sku;
    case 'price': case 'tier': return money;
    case 'moq': return quantity;
    case 'gtin': return gtin;
    case 'currency': return fc.constantFrom('EUR', 'eur', '€', 'USD', '$', 'EURO', 'XXX', '');
    case 'image': return fc.constantFrom('red.png', 'img/red.png', 'blue.jpg', 'missing.gif', 'red.png;blue.jpg', 'RED.PNG', 'https://example.com/a.png', '../secret.png', 'evil.svg', 'page.jpg', '', 'http://vitrine.example/media/' + 'a'.repeat(64) + '/1280.webp');
    case 'category': return fc.constantFrom('Fixings > Screws', 'A/B/C', 'Lamps > LED tubes', 'x > > y', '>>>', '', 'A;B', 'Ä > Ö');
    case 'unit': return fc.constantFrom('piece', 'Pack', 'C62', 'PK', '100 pieces', '', 'm²');
    default: return text;
  }
};

const columnKind = fc.constantFrom<ColumnKind>('description', 'price', 'tier', 'category', 'unit', 'gtin', 'image', 'currency', 'moq', 'other', 'name', 'sku');

/** A price list's columns (mostly SKU, name, price first) and rows of matching cells. */
export const tableRecipe: fc.Arbitrary<TableRecipe> = fc
  .record({
    lead: fc.oneof({ weight: 6, arbitrary: fc.constant<ColumnKind[]>(['sku', 'name', 'price']) }, { weight: 2, arbitrary: fc.constant<ColumnKind[]>(['sku', 'price']) }, { weight: 1, arbitrary: fc.constant<ColumnKind[]>([]) }),
    extra: fc.array(columnKind, { maxLength: 6 }),
    title: fc.boolean(),
    blankLines: fc.nat({ max: 3 }),
    rowCount: fc.integer({ min: 0, max: 12 }).map((n) => (n === 0 ? 0 : n)),
    headerPick: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  })
  .chain(({ lead, extra, title, blankLines, rowCount, headerPick }) => {
    const kinds = [...lead, ...extra];
    const columns = kinds.map((kind, i) => ({ kind, header: headerPick[i % headerPick.length]! % HEADERS[kind].length }));
    const row = fc.tuple(...kinds.map(cellOf)).map((cells) => cells as string[]);
    return fc.array(row, { minLength: rowCount, maxLength: rowCount }).map((rows) => ({ columns, rows, title, blankLines }));
  });

export function headersOf(recipe: TableRecipe): string[] {
  return recipe.columns.map((c) => HEADERS[c.kind][c.header]!);
}

export interface CsvRecipe {
  table: TableRecipe;
  delimiter: ',' | ';' | '\t' | '|';
  quoteAll: boolean;
  lineEnd: '\n' | '\r\n' | '\r';
  encoding: TextEncoding;
}

export const csvRecipe: fc.Arbitrary<CsvRecipe> = fc.record({
  table: tableRecipe,
  delimiter: fc.oneof({ weight: 6, arbitrary: fc.constantFrom<CsvRecipe['delimiter']>(',', ';', '\t') }, { weight: 1, arbitrary: fc.constant<CsvRecipe['delimiter']>('|') }),
  quoteAll: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  encoding: fc.oneof({ weight: 3, arbitrary: fc.constantFrom<TextEncoding>('utf-8', 'utf-8-bom', 'windows-1252') }, { weight: 2, arbitrary: encoding }),
});

function quote(cell: string, delimiter: string, all: boolean): string {
  return all || /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The table as CSV text (correctly quoted: breaking it is the mutations' job). */
export function csvText(recipe: CsvRecipe): string {
  const { table, delimiter, quoteAll, lineEnd } = recipe;
  const line = (cells: readonly string[]) => cells.map((c) => quote(c, delimiter, quoteAll)).join(delimiter);
  const lines = [
    ...(table.title ? ['Price list 2027 — net, EUR', ''] : []),
    line(headersOf(table)),
    ...table.rows.flatMap((cells, i) => (i === 1 ? Array.from({ length: table.blankLines }, () => '') : []).concat(line(cells))),
  ];
  return lines.join(lineEnd) + lineEnd;
}

export function csvBytes(recipe: CsvRecipe): Uint8Array {
  return encodeText(csvText(recipe), recipe.encoding);
}
