import { currencyDecimals } from '#kernel/money/currency-marks.ts';
import { checkGtin, GTIN_EXPECTED } from '../checks/gtin.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { MAX_SKU_LENGTH, type ItemDraft } from '../checks/validate-row.ts';
import { parseDecimal, toMinorUnits } from './decimal-amount.ts';
import type { CheckedItem } from '../pipeline/item-source.ts';
import { isWebAddress, mediaHashOf } from '../images/media-reference.ts';
import { ProblemList } from '../checks/problem-list.ts';
import { unitWord } from './units.ts';

export interface CifLineContext { currency: string; loadMode: 'F' | 'I'; now: Date }
export interface CifLine { sku: string; isDelete: boolean; checked: CheckedItem }

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

// CIF fields Vitrine reads into item fields; any other field becomes an attribute named as in FIELDNAMES.
const KNOWN = new Set(['supplierid', 'supplierpartid', 'supplierpartauxiliaryid', 'manufacturerpartid', 'itemdescription', 'shortname', 'unitprice',
  'unitofmeasure', 'manufacturername', 'currency', 'image', 'thumbnail', 'delete', 'effectivedate', 'expirationdate', 'language', 'gtin', 'ean', 'upc',
  'spsccode', 'unspsc', 'classificationcodes', 'leadtime', 'marketprice']);

/** Field positions by normalized name ("Supplier Part ID" → "supplierpartid"). */
export function fieldIndex(names: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  names.forEach((name, i) => { if (!index.has(key(name))) index.set(key(name), i); });
  return index;
}

const TRUE = new Set(['t', 'true', 'y', 'yes', '1']);

/** One line's fields by normalized name, and where to report a problem about one of them. */
interface CifFields {
  field(name: string): string;
  report(severity: 'error' | 'warning', name: string, value: string | null, expected: string | null, what: string): void;
}

function readUnitPrice({ field, report }: CifFields, currency: string): number | null {
  const priceText = field('unitprice');
  const amount = parseDecimal(priceText);
  const minor = amount && !amount.comma ? toMinorUnits(amount, null, currencyDecimals(currency)) : null;
  if (priceText === '') report('error', 'unitprice', '', `an amount in ${currency} such as 12.50`, 'the Unit Price is missing');
  else if (!minor) report('error', 'unitprice', priceText, `an amount in ${currency} such as 12.50 (with a decimal point)`, `"${priceText}" is not a price`);
  else {
    if (minor.rounded) report('warning', 'unitprice', priceText, `at most ${currencyDecimals(currency)} decimals`, `${priceText} has more decimals than ${currency}; it was rounded to ${formatMinor(minor.minor, currency)}`);
    return minor.minor;
  }
  return null;
}

function readGtinField({ field, report }: CifFields): string | null {
  const gtinField = ['gtin', 'ean', 'upc'].find((n) => field(n) !== '');
  if (!gtinField) return null;
  const checked = checkGtin(field(gtinField));
  if (checked.ok) return checked.gtin;
  report('error', gtinField, field(gtinField), GTIN_EXPECTED, checked.message);
  return null;
}

function warnIfExpired({ field, report }: CifFields, now: Date): void {
  const expires = field('expirationdate');
  if (/^\d{4}-\d{2}-\d{2}/.test(expires) && new Date(`${expires.slice(0, 10)}T23:59:59Z`) < now) {
    report('warning', 'expirationdate', expires, 'a date in the future', `the item expired on ${expires.slice(0, 10)}; it is loaded, but check whether it should still be sold`);
  }
}

function readImages({ field, report }: CifFields): string[] {
  const image = field('image') || field('thumbnail');
  if (image === '') return [];
  if (isWebAddress(image) && mediaHashOf(image) === null) {
    report('warning', field('image') ? 'image' : 'thumbnail', image, 'an image file delivered in the ZIP with the catalog', 'images given as web addresses are not downloaded; put the file in the ZIP and name it here');
    return [];
  }
  return [image];
}

function readAttributes({ field }: CifFields, cells: readonly string[], names: readonly string[], currency: string): Record<string, string> {
  // No prototype: a field named "__proto__" or "constructor" is kept like any other.
  const attributes: Record<string, string> = Object.create(null);
  const classification = field('spsccode') || field('unspsc') || field('classificationcodes');
  if (classification !== '') attributes['UNSPSC'] = classification;
  if (field('leadtime') !== '') attributes['Lead time (days)'] = field('leadtime');
  if (field('marketprice') !== '') attributes['Market price'] = `${field('marketprice')} ${currency}`;
  names.forEach((fieldName, at) => {
    const value = (cells[at] ?? '').trim();
    if (value !== '' && !KNOWN.has(key(fieldName)) && !(fieldName in attributes)) attributes[fieldName] = value;
  });
  return attributes;
}

/**
 * One CIF data line as an item: Supplier Part ID (with its Auxiliary ID, when given, after a
 * "/") is the SKU; Short Name the name, else the Item Description, which is otherwise the
 * description; Unit Price the list price (a decimal point, up to 4 decimals, rounded half-up
 * to the currency with a warning); Unit of Measure the unit (UN/ECE codes as words); Image
 * (or Thumbnail) an image in the ZIP. SPSC Code, Lead Time, Market Price and any other field
 * become attributes. "Delete" = T marks the line as a deletion in an incremental load.
 */
export function readCifLine(cells: readonly string[], names: readonly string[], index: Map<string, number>, lineNumber: number, context: CifLineContext): CifLine {
  const list = new ProblemList(lineNumber, `Line ${lineNumber}`);
  const field = (name: string) => { const at = index.get(name); return at === undefined ? '' : (cells[at] ?? '').trim(); };
  const label = (name: string) => names[index.get(name) ?? -1] ?? name;
  const report: CifFields['report'] = (severity, name, value, expected, what) => list.add(severity, label(name), `field "${label(name)}"`, value, expected, what);
  const fields: CifFields = { field, report };

  const extra = cells.slice(names.length).filter((c) => c.trim() !== '').length;
  if (extra > 0) {
    list.add('error', null, null, String(cells.length), `${names.length} fields, as FIELDNAMES lists`, `the line has ${cells.length} fields; a value containing a comma (such as 1,50) must be written in double quotes`);
  }
  const part = field('supplierpartid');
  const auxiliary = field('supplierpartauxiliaryid');
  const sku = auxiliary === '' ? part : `${part}/${auxiliary}`;
  if (part === '') report('error', 'supplierpartid', '', 'the supplier\'s part number', 'the Supplier Part ID is missing');
  else if (sku.length > MAX_SKU_LENGTH) report('error', 'supplierpartid', sku, `at most ${MAX_SKU_LENGTH} characters`, `the part number is ${sku.length} characters long`);
  const isDelete = TRUE.has(field('delete').toLowerCase());
  if (isDelete && context.loadMode === 'I') return { sku, isDelete, checked: { rowNumber: lineNumber, item: null, problems: list.items } };
  if (isDelete) report('warning', 'delete', field('delete'), 'Delete only in incremental loads (LOADMODE: I)', 'a full load replaces the whole catalog, so Delete is ignored and the item was loaded');

  const description = field('itemdescription');
  const name = field('shortname') || description;
  if (name === '') report('error', 'itemdescription', '', 'a description of the item', 'the Item Description is missing');

  const lineCurrency = field('currency').toUpperCase();
  if (lineCurrency !== '' && lineCurrency !== context.currency) report('error', 'currency', lineCurrency, context.currency, `the item is priced in ${lineCurrency}, but this catalog's prices are in ${context.currency}`);
  const priceMinor = readUnitPrice(fields, context.currency);
  const gtin = readGtinField(fields);
  warnIfExpired(fields, context.now);
  const images = readImages(fields);
  const attributes = readAttributes(fields, cells, names, context.currency);

  if (list.hasErrors || priceMinor === null) return { sku, isDelete, checked: { rowNumber: lineNumber, item: null, problems: list.items } };
  const item: ItemDraft = {
    rowNumber: lineNumber, sku, name, description: field('shortname') ? description : '', categoryPath: '', unit: unitWord(field('unitofmeasure') || 'EA'),
    priceMinor, tiers: [], minOrderQty: 1, gtin, manufacturer: field('manufacturername') || null, mpn: field('manufacturerpartid') || null, attributes, images,
  };
  return { sku, isDelete, checked: { rowNumber: lineNumber, item, problems: list.items } };
}
