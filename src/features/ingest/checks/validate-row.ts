import type { PriceTier } from '#db/schema/catalogs.ts';
import { joinCategoryLevels, splitCategoryList, splitCategoryPath } from '../mapping/category-levels.ts';
import { currenciesOfMark } from '#kernel/money/currency-marks.ts';
import { checkGtin, GTIN_EXPECTED } from './gtin.ts';
import { formatMinor, parseMoney } from '#kernel/money/parse-money.ts';
import type { HeaderMapping, MappedColumn } from '../mapping/recognize-headers.ts';

export interface ImportProblem {
  severity: 'error' | 'warning';
  rowNumber: number;
  /** The header as written in the file; null when the problem concerns no single column. */
  column: string | null;
  value: string | null;
  expected: string | null;
  /** A complete sentence naming the row and column, for places that show only the message. */
  message: string;
}

/** An item as read from one row, before it is stored (images are still file names). */
export interface ItemDraft {
  rowNumber: number;
  sku: string;
  name: string;
  description: string;
  categoryPath: string;
  unit: string;
  priceMinor: number;
  tiers: PriceTier[];
  minOrderQty: number;
  gtin: string | null;
  manufacturer: string | null;
  mpn: string | null;
  attributes: Record<string, string>;
  images: string[];
}

/** The item when the row has no errors (null otherwise), and every error and warning found. */
export interface RowValidation { item: ItemDraft | null; problems: ImportProblem[] }

export const MAX_SKU_LENGTH = 64;
const DEFAULT_UNIT = 'piece';

/**
 * Checks one data row against the column mapping and turns it into an item draft. Prices are
 * read in the catalog's currency. Problems carry the row number and the column's header so the
 * report can point at the cell. SKU uniqueness across rows is the caller's check.
 */
export function validateRow(cells: readonly string[], mapping: HeaderMapping, currency: string, rowNumber: number): RowValidation {
  const problems: ImportProblem[] = [];
  const report = (severity: ImportProblem['severity'], column: MappedColumn | null, value: string | null, expected: string | null, what: string) => {
    const where = column ? `Row ${rowNumber}, column "${column.header}"` : `Row ${rowNumber}`;
    problems.push({ severity, rowNumber, column: column?.header ?? null, value, expected, message: `${where}: ${what}${expected ? `; expected ${expected}` : ''}.` });
  };
  const cell = (c: MappedColumn) => (cells[c.index] ?? '').trim();
  const columnsOf = (field: string) => mapping.columns.filter((c) => c.role.field === field);
  const first = (field: string) => columnsOf(field).find((c) => cell(c) !== '') ?? columnsOf(field)[0] ?? null;
  const text = (field: string) => { const c = first(field); return c ? cell(c) : ''; };

  const skuColumn = first('sku');
  const sku = text('sku');
  if (sku === '') report('error', skuColumn, '', 'an article number (SKU)', 'the SKU is missing');
  else if (sku.length > MAX_SKU_LENGTH) report('error', skuColumn, sku, `at most ${MAX_SKU_LENGTH} characters`, `the SKU is ${sku.length} characters long`);
  const name = text('name');
  if (name === '') report('error', first('name'), '', 'the product name', 'the name is missing');

  const priceColumn = first('price');
  let priceMinor: number | null = null;
  if (priceColumn?.role.field === 'price' && priceColumn.role.currency && priceColumn.role.currency !== currency) {
    report('error', priceColumn, cell(priceColumn), `prices in ${currency}`, `the column holds prices in ${priceColumn.role.currency}, but this catalog's prices are in ${currency}`);
  } else if (!priceColumn || cell(priceColumn) === '') {
    report('error', priceColumn, '', `an amount in ${currency}`, 'the price is missing');
  } else {
    const parsed = parseMoney(cell(priceColumn), currency);
    if (parsed.ok) priceMinor = parsed.minor;
    else report('error', priceColumn, parsed.value, parsed.expected, parsed.message.replace(/\.$/, ''));
    if (parsed.ok && parsed.minor === 0) report('warning', priceColumn, cell(priceColumn), null, 'the price is 0; buyers will see it as free');
  }

  const currencyColumn = first('currency');
  const currencyText = text('currency');
  if (currencyColumn && currencyText !== '') {
    const meant = currenciesOfMark(currencyText);
    if (meant === undefined) report('error', currencyColumn, currencyText, `${currency} or empty`, `"${currencyText}" is not a currency code`);
    else if (!meant.includes(currency)) report('error', currencyColumn, currencyText, currency, `the row is priced in ${currencyText}, but this catalog's prices are in ${currency}`);
  }

  const tiers = readTiers(columnsOf('tierPrice'), cell, currency, report);
  checkTierOrder(tiers, priceMinor, currency, (message) => report('warning', null, null, null, message));

  let minOrderQty = 1;
  const moqColumn = first('minOrderQty');
  const moq = text('minOrderQty');
  if (moqColumn && moq !== '') {
    if (/^\d{1,9}([.,]0+)?$/.test(moq) && Number(moq.split(/[.,]/)[0]) >= 1) minOrderQty = Number(moq.split(/[.,]/)[0]);
    else report('error', moqColumn, moq, 'a whole number of units, 1 or more, such as 10', `"${moq}" is not a whole number of units`);
  }

  let gtin: string | null = null;
  const gtinColumn = first('gtin');
  if (gtinColumn && text('gtin') !== '') {
    const checked = checkGtin(text('gtin'));
    if (checked.ok) gtin = checked.gtin;
    else report('error', gtinColumn, text('gtin'), GTIN_EXPECTED, checked.message);
  }

  const levels = mapping.columns.flatMap((c) => (c.role.field === 'categoryLevel' ? [{ level: c.role.level, value: cell(c) }] : []));
  const paths = splitCategoryList(text('category'));
  const categoryPath = paths[0] !== undefined ? joinCategoryLevels(splitCategoryPath(paths[0])) : joinCategoryLevels(levels.sort((a, b) => a.level - b.level).map((l) => l.value));
  if (paths.length > 1) report('warning', first('category'), text('category'), 'one category per product', `the row lists ${paths.length} categories; only the first, "${categoryPath}", is used`);
  const images = [...new Set(columnsOf('image').flatMap((c) => cell(c).split(/[,;|\n]/)).map((n) => n.trim()).filter((n) => n !== ''))];
  // No prototype: a column headed "__proto__" or "constructor" is an attribute like any other.
  const attributes: Record<string, string> = Object.create(null);
  for (const c of columnsOf('attribute')) {
    if (cell(c) === '') continue;
    let key = c.header;
    for (let n = 2; key in attributes; n++) key = `${c.header} (${n})`;
    attributes[key] = cell(c);
  }
  const extra = cells.slice(mapping.columns.length).findIndex((v) => v.trim() !== '');
  if (extra >= 0) report('warning', null, null, null, `column ${mapping.columns.length + extra + 1} has a value but no header, so it was ignored`);

  if (problems.some((p) => p.severity === 'error') || priceMinor === null) return { item: null, problems };
  const item: ItemDraft = {
    rowNumber, sku, name, description: text('description'), categoryPath, unit: text('unit') || DEFAULT_UNIT, priceMinor,
    tiers, minOrderQty, gtin, manufacturer: text('manufacturer') || null, mpn: text('mpn') || null, attributes, images,
  };
  return { item, problems };
}

type Report = (severity: ImportProblem['severity'], column: MappedColumn | null, value: string | null, expected: string | null, what: string) => void;

function readTiers(columns: MappedColumn[], cell: (c: MappedColumn) => string, currency: string, report: Report): PriceTier[] {
  const tiers: PriceTier[] = [];
  for (const c of columns) {
    const value = cell(c);
    if (value === '' || c.role.field !== 'tierPrice') continue;
    const { minQty } = c.role;
    if (c.role.currency && c.role.currency !== currency) {
      report('error', c, value, `prices in ${currency}`, `the column holds prices in ${c.role.currency}, but this catalog's prices are in ${currency}`);
      continue;
    }
    if (minQty < 2) {
      report('error', c, value, 'a quantity break from 2 units or more', `a quantity break from ${minQty} unit${minQty === 1 ? '' : 's'} repeats the list price column`);
      continue;
    }
    const parsed = parseMoney(value, currency);
    if (parsed.ok) tiers.push({ minQty, priceMinor: parsed.minor });
    else report('error', c, parsed.value, parsed.expected, `the price from ${minQty} units: ${parsed.message.replace(/\.$/, '')}`);
  }
  return tiers.sort((a, b) => a.minQty - b.minQty);
}

/** Quantity breaks normally lower the price; one that does not is flagged as a warning only. */
function checkTierOrder(tiers: PriceTier[], listPrice: number | null, currency: string, warn: (message: string) => void): void {
  let previous = listPrice === null ? null : { label: 'the list price', priceMinor: listPrice };
  for (const tier of tiers) {
    if (previous && tier.priceMinor >= previous.priceMinor) {
      warn(`the price from ${tier.minQty} units (${formatMinor(tier.priceMinor, currency)}) is not lower than ${previous.label} (${formatMinor(previous.priceMinor, currency)})`);
    }
    previous = { label: `the price from ${tier.minQty} units`, priceMinor: tier.priceMinor };
  }
}
