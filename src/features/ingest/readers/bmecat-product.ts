import { checkGtin, GTIN_EXPECTED } from '../checks/gtin.ts';
import { MAX_SKU_LENGTH, type ItemDraft } from '../checks/validate-row.ts';
import type { BmecatDialect } from './bmecat-dialect.ts';
import { featureAttributes } from './bmecat-features.ts';
import { bmecatImages } from './bmecat-images.ts';
import { inLanguage } from './bmecat-language.ts';
import { orderTerms } from './bmecat-order.ts';
import { choosePrices, type ChosenPrices, type PriceContext, type Report } from './bmecat-prices.ts';
import { descriptionText } from './html-text.ts';
import type { CheckedItem } from '../pipeline/item-source.ts';
import { ProblemList } from '../checks/problem-list.ts';
import { child, childrenNamed, elementPath, textOf, type XmlElement } from './xml-element.ts';

export type CategoryLookup = { path: string } | { unknownGroup: string } | undefined;

export interface ProductContext extends PriceContext {
  language: string | null;
  /** The category of a product by its id, from the file's group tree and group map. */
  categoryOf(productId: string): CategoryLookup;
}

export interface ReadProduct {
  sku: string;
  /** BMEcat's mode attribute: "delete" in an update removes the product. */
  mode: 'new' | 'update' | 'delete';
  checked: CheckedItem;
}

const GTIN_TYPES = new Set(['', 'gtin', 'ean', 'upc', 'gtin8', 'gtin12', 'gtin13', 'gtin14', 'ean8', 'ean13', 'ean14', 'upc-a', 'ean.ucc']);

/** Reporting at an element or a path, with the product named in each message. */
function reporterFor(element: XmlElement, ordinal: number, dialect: BmecatDialect, sku: string): { list: ProblemList; report: Report; root: string } {
  const root = `${dialect.product}[${ordinal}]`;
  const list = new ProblemList(ordinal, `Product ${ordinal} (line ${element.line}${sku ? `, ${dialect.id} ${sku}` : ''})`);
  const report: Report = (severity, at, value, expected, what) => {
    const column = typeof at === 'string' ? at : elementPath(at, root);
    list.add(severity, column, column.slice(column.indexOf('/') + 1) || column, value, expected, what);
  };
  return { list, report, root };
}

function readSku(product: XmlElement, dialect: BmecatDialect, report: Report, root: string): string {
  const idElement = child(product, dialect.id) ?? child(product, dialect.version === '2005' ? 'SUPPLIER_AID' : 'SUPPLIER_PID');
  const sku = textOf(idElement);
  if (sku === '') report('error', idElement ?? `${root}/${dialect.id}`, '', 'the supplier\'s article number', `the product has no ${dialect.id}`);
  else if (sku.length > MAX_SKU_LENGTH) report('error', idElement!, sku, `at most ${MAX_SKU_LENGTH} characters`, `the article number is ${sku.length} characters long`);
  return sku;
}

function readGtin(details: XmlElement | undefined, dialect: BmecatDialect, report: Report): string | null {
  const candidates = dialect.gtin.flatMap((name) => childrenNamed(details, name))
    .filter((e) => GTIN_TYPES.has((e.attributes['type'] ?? '').trim().toLowerCase()) && textOf(e) !== '');
  const element = candidates[0];
  if (!element) return null;
  const checked = checkGtin(textOf(element));
  if (checked.ok) return checked.gtin;
  report('error', element, textOf(element), GTIN_EXPECTED, checked.message);
  return null;
}

/**
 * One BMEcat PRODUCT (2005) or ARTICLE (1.2) as an item: SUPPLIER_PID is the SKU,
 * DESCRIPTION_SHORT the name, DESCRIPTION_LONG the description (HTML made plain text),
 * INTERNATIONAL_PID/EAN the GTIN, MANUFACTURER_PID/NAME, the order unit and quantities (see
 * orderTerms), the prices (see choosePrices), features as attributes, images from MIME_INFO,
 * and the category from the file's group tree. Problems name the element path.
 */
export function readBmecatProduct(product: XmlElement, ordinal: number, dialect: BmecatDialect, context: ProductContext): ReadProduct {
  const sku = textOf(child(product, dialect.id));
  const { list, report, root } = reporterFor(product, ordinal, dialect, sku);
  const mode = product.attributes['mode'] === 'delete' ? 'delete' : product.attributes['mode'] === 'update' ? 'update' : 'new';
  readSku(product, dialect, report, root);
  if (mode === 'delete') return { sku, mode, checked: { rowNumber: ordinal, item: null, problems: list.items } };

  const details = child(product, dialect.details);
  const nameElement = inLanguage(childrenNamed(details, 'DESCRIPTION_SHORT'), context.language);
  const name = descriptionText(textOf(nameElement)).replace(/\s+/g, ' ');
  if (name === '') report('error', nameElement ?? `${root}/${dialect.details}/DESCRIPTION_SHORT`, '', 'the product name (DESCRIPTION_SHORT)', 'the product has no name');
  const description = descriptionText(textOf(inLanguage(childrenNamed(details, 'DESCRIPTION_LONG'), context.language)));
  const gtin = readGtin(details, dialect, report);
  const prices = choosePrices(product, dialect, context, report, root);
  const order = orderTerms(product, dialect, prices, report, root);
  const attributes = { ...order.attributes, ...featureAttributes(product, dialect, context.language, report) };
  const deliveryTime = textOf(child(details, 'DELIVERY_TIME'));
  if (deliveryTime !== '' && !('Delivery time (working days)' in attributes)) attributes['Delivery time (working days)'] = deliveryTime;
  const images = bmecatImages(product, context.language, report);

  let categoryPath = '';
  const category = context.categoryOf(sku);
  if (category && 'path' in category) categoryPath = category.path;
  else if (category) report('warning', `${dialect.groupMap}/CATALOG_GROUP_ID`, category.unknownGroup, 'a GROUP_ID defined in CATALOG_STRUCTURE', `the product is mapped to the catalog group ${category.unknownGroup}, which the file does not define; it is shown without a category`);

  if (list.hasErrors || !prices || !order.ok) return { sku, mode, checked: { rowNumber: ordinal, item: null, problems: list.items } };
  const item: ItemDraft = {
    rowNumber: ordinal, sku, name, description, categoryPath, unit: order.unit, priceMinor: prices.priceMinor, tiers: order.tiers,
    minOrderQty: order.minOrderQty, gtin, manufacturer: textOf(child(details, 'MANUFACTURER_NAME')) || null,
    mpn: textOf(child(details, dialect.mpn)) || null, attributes, images,
  };
  return { sku, mode, checked: { rowNumber: ordinal, item, problems: list.items } };
}

export interface ReadPriceUpdate { sku: string; prices: ChosenPrices | null; problems: CheckedItem['problems'] }

/** One product of a T_UPDATE_PRICES transaction: its SKU and new prices (same rules as a full product). */
export function readBmecatPriceUpdate(product: XmlElement, ordinal: number, dialect: BmecatDialect, context: PriceContext): ReadPriceUpdate {
  const sku = textOf(child(product, dialect.id));
  const { list, report, root } = reporterFor(product, ordinal, dialect, sku);
  readSku(product, dialect, report, root);
  const prices = choosePrices(product, dialect, context, report, root);
  return { sku, prices: list.hasErrors ? null : prices, problems: list.items };
}
