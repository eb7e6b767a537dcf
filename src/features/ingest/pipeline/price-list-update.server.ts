import { currenciesOfMark } from '#kernel/money/currency-marks.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import { parseMoney } from '#kernel/money/parse-money.ts';
import type { RawRow } from '../readers/raw-row.ts';
import type { HeaderMapping, MappedColumn } from '../mapping/recognize-headers.ts';
import { MAX_SKU_LENGTH, type ImportProblem } from '../checks/validate-row.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import { liveRevisionFor, type FormatContext } from '../readers/format-context.ts';
import type { ItemSource } from './item-source.ts';
import { applyPriceChanges, type PriceChange } from './price-update.server.ts';

// Columns a price update may have besides the SKU and the prices; any item field beyond these
// (name, description, category, GTIN, image…) makes the file a full price list instead.
const PRICE_UPDATE_FIELDS = new Set(['sku', 'price', 'tierPrice', 'currency', 'attribute', 'ignore']);

/**
 * Whether a table holds only SKUs and prices (a price update): it has a SKU and a price column,
 * no name column, and nothing else but quantity breaks, a currency, and columns we do not know
 * (ignored). Detected from the columns, never from the file's name.
 */
export function isPriceUpdateMapping(mapping: HeaderMapping): boolean {
  const fields = new Set(mapping.columns.map((c) => c.role.field));
  return fields.has('sku') && fields.has('price') && !fields.has('name') && [...fields].every((f) => PRICE_UPDATE_FIELDS.has(f));
}

function rowProblem(rowNumber: number, column: MappedColumn | null, value: string | null, expected: string | null, what: string): ImportProblem {
  const where = column ? `Row ${rowNumber}, column "${column.header}"` : `Row ${rowNumber}`;
  return { severity: 'error', rowNumber, column: column?.header ?? null, value, expected, message: `${where}: ${what}${expected ? `; expected ${expected}` : ''}.` };
}

function readChange(row: RawRow, mapping: HeaderMapping, currency: string): Omit<PriceChange, 'unknownSku'> & { skuColumn: MappedColumn } {
  const cell = (c: MappedColumn) => (row.cells[c.index] ?? '').trim();
  const skuColumn = mapping.columns.find((c) => c.role.field === 'sku')!;
  const priceColumn = mapping.columns.find((c) => c.role.field === 'price')!;
  const problems: ImportProblem[] = [];
  const sku = cell(skuColumn);
  if (sku === '') problems.push(rowProblem(row.rowNumber, skuColumn, '', 'an article number (SKU)', 'the SKU is missing'));
  else if (sku.length > MAX_SKU_LENGTH) problems.push(rowProblem(row.rowNumber, skuColumn, sku, `at most ${MAX_SKU_LENGTH} characters`, `the SKU is ${sku.length} characters long`));
  const currencyColumn = mapping.columns.find((c) => c.role.field === 'currency');
  if (currencyColumn && cell(currencyColumn) !== '' && !(currenciesOfMark(cell(currencyColumn)) ?? []).includes(currency)) {
    problems.push(rowProblem(row.rowNumber, currencyColumn, cell(currencyColumn), currency, `the row is priced in ${cell(currencyColumn)}, but this catalog's prices are in ${currency}`));
  }
  const money = (column: MappedColumn, what: string): number | null => {
    const parsed = parseMoney(cell(column), currency);
    if (parsed.ok) return parsed.minor;
    problems.push(rowProblem(row.rowNumber, column, parsed.value, parsed.expected, `${what}${parsed.message.replace(/\.$/, '')}`));
    return null;
  };
  const priceMinor = cell(priceColumn) === '' ? (problems.push(rowProblem(row.rowNumber, priceColumn, '', `an amount in ${currency}`, 'the price is missing')), null) : money(priceColumn, '');
  const tiers: PriceTier[] = [];
  for (const column of mapping.columns) {
    if (column.role.field !== 'tierPrice' || cell(column) === '' || column.role.minQty < 2) continue;
    const tier = money(column, `the price from ${column.role.minQty} units: `);
    if (tier !== null) tiers.push({ minQty: column.role.minQty, priceMinor: tier });
  }
  tiers.sort((a, b) => a.minQty - b.minQty);
  const prices = problems.length === 0 && priceMinor !== null ? { priceMinor, tiers, fromQuantity: 1 } : null;
  const keepTiers = !mapping.columns.some((c) => c.role.field === 'tierPrice');
  return { rowNumber: row.rowNumber, sku, prices, problems, quantitiesInOrderUnits: false, keepTiers, currency, skuColumn };
}

/**
 * A CSV or workbook with only SKU and price columns, read as a price update of the live
 * revision: each row changes one item's list price (and its quantity breaks, when the file has
 * break columns; otherwise the live breaks stay). Rows naming a SKU the live revision lacks are
 * errors that name it. Columns we do not know get one warning and are ignored.
 */
export function priceListUpdateSource(
  table: { rows: AsyncIterable<RawRow>; kind: string; headerRowNumber: number }, mapping: HeaderMapping, fileName: string, context: FormatContext,
): Omit<ItemSource, 'cleanup' | 'imageLookup'> {
  const live = liveRevisionFor(context, 'a price update (it has SKU and price columns but no product names)');
  if (typeof live === 'string') throw new ImportInputError(`${live} To upload it as a full price list, add a column with the product names.`, { fileName });
  const { currency } = context.catalog;
  const ignored = mapping.columns.filter((c) => c.role.field === 'attribute').map((c) => `"${c.header}"`);
  async function* changes(): AsyncGenerator<PriceChange> {
    for await (const row of table.rows) {
      const change = readChange(row, mapping, currency);
      yield {
        ...change,
        unknownSku: () => rowProblem(row.rowNumber, change.skuColumn, change.sku, 'a SKU of the live revision', `${change.sku} is not in the live revision of this catalog, so its price cannot be changed; a price update changes existing items only`),
      };
    }
  }
  const skuHeader = mapping.columns.find((c) => c.role.field === 'sku')!.header;
  const priceHeader = mapping.columns.find((c) => c.role.field === 'price')!.header;
  return {
    format: `price-update-${table.kind}`,
    columns: { sku: skuHeader, gtin: skuHeader, image: skuHeader, price: priceHeader },
    items: applyPriceChanges(context.db, live, changes()),
    update: { liveRevisionId: live, outcome: () => ({ deletedSkus: new Map() }) },
    fileProblems: () => ignored.length === 0 ? [] : [{
      severity: 'warning', rowNumber: table.headerRowNumber, column: null, value: null, expected: null,
      message: `The columns ${ignored.join(', ')} are not used by a price update and were ignored; only SKUs and prices change.`,
    }],
  };
}
