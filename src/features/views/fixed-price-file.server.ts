import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { currenciesOfMark } from '#kernel/money/currency-marks.ts';
import { compactHeader } from '#features/ingest/mapping/normalize-header.ts';
import { formatMinor, parseMoney } from '#kernel/money/parse-money.ts';
import { isBlankRow } from '#features/ingest/readers/raw-row.ts';
import { recognizeHeaders, type MappedColumn } from '#features/ingest/mapping/recognize-headers.ts';
import { openRowSource } from '#features/ingest/readers/row-source.server.ts';
import { MAX_SKU_LENGTH, type ImportProblem } from '#features/ingest/checks/validate-row.ts';
import type { FixedPrice } from './rules-edit.ts';

/** Headers sales' own sheets use for the agreed price, beside the supplier synonyms ("Preis", "Net price"). */
const FIXED_PRICE_HEADERS = new Set(['fixed price', 'fixed net price', 'special price', 'contract price', 'customer price', 'agreed price', 'Festpreis', 'Sonderpreis', 'Kundenpreis', 'Vertragspreis'].map(compactHeader));

/** At most this many rows: a fixed-price list longer than that belongs in a percentage rule. */
export const MAX_FIXED_PRICE_ROWS = 50_000;

export interface FixedPriceFile {
  prices: FixedPrice[];
  /** Errors (nothing is applied while there are any) and warnings, by row and column. */
  problems: ImportProblem[];
  rowsRead: number;
  /** The row each SKU's price came from, and the SKU column's header, for later warnings. */
  rowOf: ReadonlyMap<string, number>;
  skuHeader: string;
}

function problem(severity: ImportProblem['severity'], rowNumber: number, column: string | null, value: string | null, expected: string | null, what: string): ImportProblem {
  const where = column ? `Row ${rowNumber}, column "${column}"` : `Row ${rowNumber}`;
  return { severity, rowNumber, column, value, expected, message: `${where}: ${what}${expected ? `; expected ${expected}` : ''}.` };
}

/**
 * Reads a list of SKUs and fixed net prices (CSV or XLSX, as a supplier's price list is read:
 * same file sniffing, encodings, header recognition and money reader), in the catalog's
 * currency. Columns: SKU and price, optionally quantity-break prices ("Price 10+",
 * "Staffelpreis ab 50") and a currency column. File-level problems throw ImportInputError.
 */
export async function readFixedPriceFile(path: string, originalName: string, currency: string): Promise<FixedPriceFile> {
  const source = await openRowSource(path, originalName);
  try {
    const mapping = recognizeHeaders(source.headers);
    if (!mapping.columns.some((c) => c.role.field === 'price')) {
      const fixed = mapping.columns.find((c) => c.role.field === 'attribute' && FIXED_PRICE_HEADERS.has(compactHeader(c.header)));
      if (fixed) fixed.role = { field: 'price' };
    }
    const skuColumn = mapping.columns.find((c) => c.role.field === 'sku');
    const priceColumn = mapping.columns.find((c) => c.role.field === 'price');
    if (!skuColumn || !priceColumn) {
      const lacking = [!skuColumn ? 'the SKU (e.g. "SKU" or "Artikelnummer")' : null, !priceColumn ? 'the price (e.g. "Price", "Fixed price" or "Preis")' : null].filter(Boolean).join(' and ');
      const found = source.headers.filter((h) => h !== '').map((h) => `"${h}"`).join(', ');
      return { prices: [], rowsRead: 0, rowOf: new Map(), skuHeader: 'SKU', problems: [problem('error', source.headerRowNumber, null, null, null, `no column holds ${lacking}; the header row has ${found || 'no names'}`)] };
    }
    const tierColumns = mapping.columns.filter((c): c is MappedColumn & { role: { field: 'tierPrice'; minQty: number } } => c.role.field === 'tierPrice');
    const currencyColumn = mapping.columns.find((c) => c.role.field === 'currency');
    const problems: ImportProblem[] = [];
    for (const c of [priceColumn, ...tierColumns]) {
      const meant = 'currency' in c.role ? c.role.currency : undefined;
      if (meant && meant !== currency) problems.push(problem('error', source.headerRowNumber, c.header, meant, `prices in ${currency}`, `the column holds prices in ${meant}, but this catalog's prices are in ${currency}`));
    }
    const prices: FixedPrice[] = [];
    const firstRowOf = new Map<string, number>();
    let rowsRead = 0;
    for await (const row of source.rows) {
      if (isBlankRow(row.cells)) continue;
      rowsRead++;
      if (rowsRead > MAX_FIXED_PRICE_ROWS) {
        problems.push(problem('error', row.rowNumber, null, null, null, `the file has more than ${MAX_FIXED_PRICE_ROWS} rows; split it, or use a percentage rule for whole categories`));
        break;
      }
      const cell = (c: MappedColumn) => (row.cells[c.index] ?? '').trim();
      const before = problems.length;
      const sku = cell(skuColumn);
      if (sku === '') problems.push(problem('error', row.rowNumber, skuColumn.header, '', 'an article number (SKU)', 'the SKU is missing'));
      else if (sku.length > MAX_SKU_LENGTH) problems.push(problem('error', row.rowNumber, skuColumn.header, sku, `at most ${MAX_SKU_LENGTH} characters`, `the SKU is ${sku.length} characters long`));
      else if (firstRowOf.has(sku)) problems.push(problem('error', row.rowNumber, skuColumn.header, sku, 'each SKU once', `SKU ${sku} already has a price in row ${firstRowOf.get(sku)}`));
      const price = parseMoney(cell(priceColumn), currency);
      if (!price.ok) problems.push(problem('error', row.rowNumber, priceColumn.header, price.value, price.expected, price.message.replace(/\.$/, '')));
      if (currencyColumn && cell(currencyColumn) !== '' && !(currenciesOfMark(cell(currencyColumn)) ?? []).includes(currency)) {
        problems.push(problem('error', row.rowNumber, currencyColumn.header, cell(currencyColumn), currency, `the row is priced in ${cell(currencyColumn)}, but this catalog's prices are in ${currency}`));
      }
      const tiers: Array<{ minQty: number; priceMinor: number }> = [];
      for (const c of tierColumns) {
        if (cell(c) === '' || c.role.minQty <= 1) continue;
        const tier = parseMoney(cell(c), currency);
        if (tier.ok) tiers.push({ minQty: c.role.minQty, priceMinor: tier.minor });
        else problems.push(problem('error', row.rowNumber, c.header, tier.value, tier.expected, tier.message.replace(/\.$/, '')));
      }
      if (problems.length > before || !price.ok) continue;
      firstRowOf.set(sku, row.rowNumber);
      prices.push(tiers.length > 0 ? { sku, priceMinor: price.minor, tiers } : { sku, priceMinor: price.minor });
    }
    return { prices, problems, rowsRead, rowOf: firstRowOf, skuHeader: skuColumn.header };
  } finally {
    await source.cleanup();
  }
}

/** Why a fixed price deserves a second look, or null: its SKU is not live, or it is above the list price. */
export function fixedPriceWarning(fixed: FixedPrice, liveItem: { priceMinor: number } | undefined, currency: string): string | null {
  if (!liveItem) return `SKU ${fixed.sku} is not in the catalog's live revision; the price is kept and applies if the supplier publishes it`;
  if (fixed.priceMinor > liveItem.priceMinor) return `the fixed price ${formatMinor(fixed.priceMinor, currency)} is above the list price ${formatMinor(liveItem.priceMinor, currency)} of SKU ${fixed.sku}; the customer pays the fixed price`;
  return null;
}

/** Warnings for every price of a file once it is read, by row. */
export function fixedPriceWarnings(file: FixedPriceFile, live: ReadonlyMap<string, { priceMinor: number }>, currency: string): ImportProblem[] {
  return file.prices.flatMap((p) => {
    const warning = fixedPriceWarning(p, live.get(p.sku), currency);
    return warning ? [problem('warning', file.rowOf.get(p.sku) ?? 0, file.skuHeader, p.sku, null, warning)] : [];
  });
}

/** Runs `read` on an uploaded file saved in a fresh temporary folder, removed afterwards. */
export async function withUploadedFile<T>(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, read: (path: string, name: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vitrine-fixed-prices-'));
  try {
    const name = basename(file.name || 'upload.csv').slice(0, 200) || 'upload.csv';
    const path = join(dir, 'upload');
    await writeFile(path, new Uint8Array(await file.arrayBuffer()));
    return await read(path, name);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
