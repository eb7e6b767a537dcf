import type { PriceTier } from '#db/schema/catalogs.ts';
import { joinCategoryLevels, splitCategoryList, splitCategoryPath } from '../mapping/category-levels.ts';
import { currenciesOfMark } from '#kernel/money/currency-marks.ts';
import { checkGtin, GTIN_EXPECTED } from './gtin.ts';
import { formatMinor, parseMoney } from '#kernel/money/parse-money.ts';
import type { HeaderMapping, MappedColumn } from '../mapping/recognize-headers.ts';
import { plural } from '#kernel/plural.ts';

export interface ImportProblem {
  severity: 'error' | 'warning';
  rowNumber: number;
  /** The SKU of the row, when it has one. */
  sku?: string | null;
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

type Report = (severity: ImportProblem['severity'], column: MappedColumn | null, value: string | null, expected: string | null, what: string) => void;

/** One row's cells as the checks read them: by column, by field, and where to report a problem. */
interface RowCells {
  cell(c: MappedColumn): string;
  columnsOf(field: string): MappedColumn[];
  /** The first column of a field that has a value (else the field's first column). */
  first(field: string): MappedColumn | null;
  text(field: string): string;
  report: Report;
}

function rowCells(cells: readonly string[], mapping: HeaderMapping, rowNumber: number, problems: ImportProblem[]): RowCells {
  const cell = (c: MappedColumn) => (cells[c.index] ?? '').trim();
  const columnsOf = (field: string) => mapping.columns.filter((c) => c.role.field === field);
  const first = (field: string) => columnsOf(field).find((c) => cell(c) !== '') ?? columnsOf(field)[0] ?? null;
  const text = (field: string) => { const c = first(field); return c ? cell(c) : ''; };
  const report: Report = (severity, column, value, expected, what) => {
    const where = column ? `Row ${rowNumber}, column "${column.header}"` : `Row ${rowNumber}`;
    problems.push({ severity, rowNumber, column: column?.header ?? null, value, expected, message: `${where}: ${what}${expected ? `; expected ${expected}` : ''}.` });
  };
  return { cell, columnsOf, first, text, report };
}

function readSkuAndName(row: RowCells): { sku: string; name: string } {
  const sku = row.text('sku');
  if (sku === '') row.report('error', row.first('sku'), '', 'an article number (SKU)', 'the SKU is missing');
  else if (sku.length > MAX_SKU_LENGTH) row.report('error', row.first('sku'), sku, `at most ${MAX_SKU_LENGTH} characters`, `the SKU is ${sku.length} characters long`);
  const name = row.text('name');
  if (name === '') row.report('error', row.first('name'), '', 'the product name', 'the name is missing');
  return { sku, name };
}

function readListPrice(row: RowCells, currency: string): number | null {
  const { report } = row;
  const priceColumn = row.first('price');
  if (priceColumn?.role.field === 'price' && priceColumn.role.currency && priceColumn.role.currency !== currency) {
    report('error', priceColumn, row.cell(priceColumn), `prices in ${currency}`, `the column holds prices in ${priceColumn.role.currency}, but this catalog's prices are in ${currency}`);
    return null;
  }
  if (!priceColumn || row.cell(priceColumn) === '') {
    report('error', priceColumn, '', `an amount in ${currency}`, 'the price is missing');
    return null;
  }
  const parsed = parseMoney(row.cell(priceColumn), currency);
  if (!parsed.ok) {
    report('error', priceColumn, parsed.value, parsed.expected, parsed.message.replace(/\.$/, ''));
    return null;
  }
  if (parsed.minor === 0) report('warning', priceColumn, row.cell(priceColumn), null, 'the price is 0; buyers will see it as free');
  return parsed.minor;
}

function checkRowCurrency(row: RowCells, currency: string): void {
  const currencyColumn = row.first('currency');
  const currencyText = row.text('currency');
  if (!currencyColumn || currencyText === '') return;
  const meant = currenciesOfMark(currencyText);
  if (meant === undefined) row.report('error', currencyColumn, currencyText, `${currency} or empty`, `"${currencyText}" is not a currency code`);
  else if (!meant.includes(currency)) row.report('error', currencyColumn, currencyText, currency, `the row is priced in ${currencyText}, but this catalog's prices are in ${currency}`);
}

function readMinOrderQty(row: RowCells): number {
  const moqColumn = row.first('minOrderQty');
  const moq = row.text('minOrderQty');
  if (!moqColumn || moq === '') return 1;
  if (/^\d{1,9}([.,]0+)?$/.test(moq) && Number(moq.split(/[.,]/)[0]) >= 1) return Number(moq.split(/[.,]/)[0]);
  row.report('error', moqColumn, moq, 'a whole number of units, 1 or more, such as 10', `"${moq}" is not a whole number of units`);
  return 1;
}

function readGtin(row: RowCells): string | null {
  const gtinColumn = row.first('gtin');
  if (!gtinColumn || row.text('gtin') === '') return null;
  const checked = checkGtin(row.text('gtin'));
  if (checked.ok) return checked.gtin;
  row.report('error', gtinColumn, row.text('gtin'), GTIN_EXPECTED, checked.message);
  return null;
}

function readCategoryPath(row: RowCells, mapping: HeaderMapping): string {
  const levels = mapping.columns.flatMap((c) => (c.role.field === 'categoryLevel' ? [{ level: c.role.level, value: row.cell(c) }] : []));
  const paths = splitCategoryList(row.text('category'));
  const categoryPath = paths[0] !== undefined ? joinCategoryLevels(splitCategoryPath(paths[0])) : joinCategoryLevels(levels.sort((a, b) => a.level - b.level).map((l) => l.value));
  if (paths.length > 1) row.report('warning', row.first('category'), row.text('category'), 'one category per product', `the row lists ${plural(paths.length, 'category', 'categories')}; only the first, "${categoryPath}", is used`);
  return categoryPath;
}

function readAttributes(row: RowCells): Record<string, string> {
  // No prototype: a column headed "__proto__" or "constructor" is an attribute like any other.
  const attributes: Record<string, string> = Object.create(null);
  for (const c of row.columnsOf('attribute')) {
    if (row.cell(c) === '') continue;
    let key = c.header;
    for (let n = 2; key in attributes; n++) key = `${c.header} (${n})`;
    attributes[key] = row.cell(c);
  }
  return attributes;
}

/**
 * Checks one data row against the column mapping and turns it into an item draft. Prices are
 * read in the catalog's currency. Problems carry the row number and the column's header so the
 * report can point at the cell. SKU uniqueness across rows is the caller's check.
 */
export function validateRow(cells: readonly string[], mapping: HeaderMapping, currency: string, rowNumber: number): RowValidation {
  const problems: ImportProblem[] = [];
  const row = rowCells(cells, mapping, rowNumber, problems);
  const { sku, name } = readSkuAndName(row);
  const priceMinor = readListPrice(row, currency);
  checkRowCurrency(row, currency);
  const tiers = readTiers(row.columnsOf('tierPrice'), row.cell, currency, row.report);
  checkTierOrder(tiers, priceMinor, currency, (message) => row.report('warning', null, null, null, message));
  const minOrderQty = readMinOrderQty(row);
  const gtin = readGtin(row);
  const categoryPath = readCategoryPath(row, mapping);
  const images = [...new Set(row.columnsOf('image').flatMap((c) => row.cell(c).split(/[,;|\n]/)).map((n) => n.trim()).filter((n) => n !== ''))];
  const attributes = readAttributes(row);
  const extra = cells.slice(mapping.columns.length).findIndex((v) => v.trim() !== '');
  if (extra >= 0) row.report('warning', null, null, null, `column ${mapping.columns.length + extra + 1} has a value but no header, so it was ignored`);

  for (const p of problems) p.sku = sku || null;
  if (problems.some((p) => p.severity === 'error') || priceMinor === null) return { item: null, problems };
  const item: ItemDraft = {
    rowNumber, sku, name, description: row.text('description'), categoryPath, unit: row.text('unit') || DEFAULT_UNIT, priceMinor,
    tiers, minOrderQty, gtin, manufacturer: row.text('manufacturer') || null, mpn: row.text('mpn') || null, attributes, images,
  };
  return { item, problems };
}

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
      report('error', c, value, 'a quantity break from 2 units or more', `a quantity break from ${plural(minQty, 'unit')} repeats the list price column`);
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
