import { CATEGORY_LEVEL_WORDS, CORE_PRICE_WORDS, FIELD_SYNONYMS, IMAGE_WORDS, PRICE_WORDS, QUANTITY_WORDS, type SimpleField } from './header-synonyms.ts';
import { REQUIRED_FIELDS, formatRole, parseRole, type ColumnRole, type RequiredField } from './column-role.ts';
import { compactHeader, headerTokens } from './normalize-header.ts';

export interface MappedColumn {
  index: number;
  /** The header exactly as in the file (trimmed). */
  header: string;
  role: ColumnRole;
  /** saved: the supplier's earlier choice; recognized: by name; unknown: kept as an attribute. */
  source: 'saved' | 'recognized' | 'unknown';
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Required fields no column maps to: the UI asks the supplier to pick columns for them. */
  missing: RequiredField[];
  /** Columns that also looked like an already-mapped field; they were kept as attributes. */
  duplicates: { header: string; sameAs: string }[];
}

const SYNONYMS = new Map<string, SimpleField>();
for (const [field, names] of Object.entries(FIELD_SYNONYMS) as [SimpleField, readonly string[]][]) {
  for (const name of names) SYNONYMS.set(compactHeader(name), field);
}
const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));
const MULTI_COLUMN = new Set(['image', 'attribute', 'ignore']);

const isNumber = (t: string) => /^\d{1,7}$/.test(t);

/** Splits off one currency word ("Preis EUR", "price (USD)", "Preis €"), which says the column's currency. */
function splitCurrency(tokens: string[]): { tokens: string[]; currency?: string } {
  const at = tokens.findIndex((t, i) => CURRENCIES.has(t) && i > 0);
  if (at < 0) return { tokens };
  return { tokens: tokens.filter((_, i) => i !== at), currency: tokens[at]!.toUpperCase() };
}

/** "price 10+", "Preis ab 100", "qty 10 price", "Staffelpreis ab 50", "Preis 10-49 Stk" → minQty. */
function tierMinQty(tokens: string[]): number | undefined {
  const numbers = tokens.filter(isNumber).map(Number);
  const words = tokens.filter((t) => !isNumber(t));
  if (!words.some((w) => CORE_PRICE_WORDS.has(w))) return undefined;
  if (!words.every((w) => PRICE_WORDS.has(w) || QUANTITY_WORDS.has(w))) return undefined;
  const isRange = numbers.length === 2 && numbers[0]! < numbers[1]!;
  // A bare number ("Preis 2") may be a second price list, not a quantity: ask for a marker.
  const marked = words.some((w) => QUANTITY_WORDS.has(w) || w.startsWith('staffel'));
  if (numbers.length === 1 && marked) return numbers[0];
  if (isRange) return numbers[0];
  return undefined;
}

function numbered(tokens: string[], words: Set<string>): number | undefined {
  const numbers = tokens.filter(isNumber);
  if (numbers.length !== 1 || tokens.length < 2) return undefined;
  return tokens.every((t) => isNumber(t) || words.has(t)) ? Number(numbers[0]) : undefined;
}

function priceRole(tokens: string[], currency: string | undefined): ColumnRole | undefined {
  const withCurrency = currency === undefined ? {} : { currency };
  if (SYNONYMS.get(tokens.join('')) === 'price') return { field: 'price', ...withCurrency };
  const minQty = tierMinQty(tokens);
  return minQty === undefined ? undefined : { field: 'tierPrice', minQty, ...withCurrency };
}

/** The role a header's name suggests, or undefined when it is not a known name. */
export function recognizeHeader(header: string): ColumnRole | undefined {
  const tokens = headerTokens(header);
  const field = SYNONYMS.get(tokens.join(''));
  if (field !== undefined) return { field };
  const price = priceRole(tokens, undefined);
  if (price) return price;
  const split = splitCurrency(tokens);
  if (split.currency !== undefined) return priceRole(split.tokens, split.currency);
  const level = numbered(tokens, CATEGORY_LEVEL_WORDS);
  if (level !== undefined && level >= 1) return { field: 'categoryLevel', level };
  if (numbered(tokens, IMAGE_WORDS) !== undefined) return { field: 'image' };
  return undefined;
}

function savedRole(header: string, saved: Readonly<Record<string, string>>): ColumnRole | undefined {
  // Own keys only: a column headed "__proto__" or "constructor" must not read Object.prototype.
  const exact = Object.hasOwn(saved, header) ? saved[header] : undefined;
  if (exact !== undefined) return parseRole(exact);
  const compact = compactHeader(header);
  const similar = Object.entries(saved).find(([name, role]) => compactHeader(name) === compact && typeof role === 'string');
  return similar ? parseRole(similar[1]) : undefined;
}

/**
 * Maps each header to a field: a saved mapping (the supplier's choice, by exact or normalized
 * header) wins over recognition by synonyms; unknown headers become attributes named as in the
 * file; empty headers are ignored. A price column "from 1 unit" is the list price when there is
 * no plain price column.
 */
export function recognizeHeaders(headers: readonly string[], saved: Readonly<Record<string, string>> = {}): HeaderMapping {
  const columns: MappedColumn[] = headers.map((raw, index) => {
    const header = raw.trim();
    if (header === '') return { index, header, role: { field: 'ignore' }, source: 'unknown' };
    const fromSaved = savedRole(header, saved);
    if (fromSaved) return { index, header, role: fromSaved, source: 'saved' };
    const recognized = recognizeHeader(header);
    return recognized ? { index, header, role: recognized, source: 'recognized' } : { index, header, role: { field: 'attribute' }, source: 'unknown' };
  });
  if (!columns.some((c) => c.role.field === 'price')) {
    const fromOne = columns.find((c) => c.role.field === 'tierPrice' && c.role.minQty <= 1);
    if (fromOne && fromOne.role.field === 'tierPrice') fromOne.role = fromOne.role.currency ? { field: 'price', currency: fromOne.role.currency } : { field: 'price' };
  }
  const taken = new Map<string, string>();
  const duplicates: HeaderMapping['duplicates'] = [];
  for (const column of columns) {
    if (MULTI_COLUMN.has(column.role.field)) continue;
    const slot = formatRole(column.role); // what the column fills: "price", "tier:10", …
    const first = taken.get(slot);
    if (first === undefined) taken.set(slot, column.header);
    else {
      duplicates.push({ header: column.header, sameAs: first });
      column.role = { field: 'attribute' };
    }
  }
  const missing = REQUIRED_FIELDS.filter((field) => !taken.has(field));
  return { columns, missing, duplicates };
}

/** A saved mapping (header → role) that reproduces `mapping`, to store with the catalog. */
export function toSavedMapping(mapping: HeaderMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of mapping.columns) {
    if (c.header === '') continue;
    out[c.header] = formatRole(c.role);
  }
  return out;
}

/**
 * The header row among the first rows of a sheet: the first with at least two recognized
 * headers (so a title such as "Price list 2027" above the table is skipped), else the first row.
 */
export function pickHeaderRow(rows: readonly (readonly string[])[]): number {
  const found = rows.findIndex((cells) => cells.filter((c) => c.trim() !== '' && recognizeHeader(c) !== undefined).length >= 2);
  return found < 0 ? 0 : found;
}

/** Up to `count` non-empty example values per column, for the column-mapping screen. */
export function sampleValues(headers: readonly string[], rows: readonly (readonly string[])[], count = 3): { index: number; header: string; values: string[] }[] {
  return headers.map((header, index) => ({
    index,
    header: header.trim(),
    values: rows.map((cells) => (cells[index] ?? '').trim()).filter((v) => v !== '').slice(0, count),
  }));
}
