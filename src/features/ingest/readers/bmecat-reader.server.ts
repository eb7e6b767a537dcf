import { ImportInputError } from '../checks/import-input-error.ts';
import { dialectOfProduct, type BmecatDialect } from './bmecat-dialect.ts';
import { indexBmecat, type BmecatIndex } from './bmecat-index.server.ts';
import { readBmecatPriceUpdate, readBmecatProduct, type CategoryLookup, type ProductContext } from './bmecat-product.ts';
import { liveRevisionFor, type FormatContext } from './format-context.ts';
import type { CheckedItem, ItemSource, ProblemColumns } from '../pipeline/item-source.ts';
import { applyPriceChanges, type PriceChange } from '../pipeline/price-update.server.ts';
import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';
import { readXmlElements } from './xml-stream.server.ts';

/**
 * The category of a product: its catalog group (CATALOG_GROUP_SYSTEM + the group map); when
 * the file has no catalog groups at all, the supplier's own classification group the product's
 * features refer to (REFERENCE_FEATURE_GROUP_ID in a CLASSIFICATION_SYSTEM the file defines).
 */
function categoryLookup(index: BmecatIndex) {
  return (productId: string, product: XmlElement, dialect: BmecatDialect): CategoryLookup => {
    const groupId = index.groupOf.get(productId);
    if (groupId !== undefined) {
      const path = index.groups.pathOf(groupId);
      return path === undefined ? { unknownGroup: groupId } : { path };
    }
    if (index.groups.size > 0) return undefined;
    for (const block of childrenNamed(product, dialect.features)) {
      const tree = index.classifications.get(textOf(child(block, 'REFERENCE_FEATURE_SYSTEM_NAME')));
      const path = tree?.pathOf(textOf(child(block, 'REFERENCE_FEATURE_GROUP_ID')));
      if (path) return { path };
    }
    return undefined;
  };
}

// Parts of a product Vitrine does not read; real exports can hold large ones (references, logistics).
const UNREAD = new Set([
  'PRODUCT_REFERENCE', 'ARTICLE_REFERENCE', 'PRODUCT_LOGISTIC_DETAILS', 'PRODUCT_CONTACTS', 'PRODUCT_IPP_DETAILS', 'ARTICLE_IPP_DETAILS',
  'PRODUCT_CONFIG_DETAILS', 'ARTICLE_CONFIG_DETAILS', 'KEYWORD', 'REMARKS', 'SPECIAL_TREATMENT_CLASS', 'TERRITORY', 'TAX_DETAILS', 'MIME_DESCR', 'MIME_ALT',
]);

async function* products(path: string, fileName: string): AsyncGenerator<{ element: XmlElement; ordinal: number; dialect: BmecatDialect }> {
  let ordinal = 0;
  const elements = readXmlElements(path, {
    fileName,
    skip: UNREAD,
    capture: (name, _attributes, ancestors) => ancestors.length === 2 && ancestors[1]!.startsWith('T_') && dialectOfProduct(name) !== undefined,
  });
  for await (const { element } of elements) yield { element, ordinal: ++ordinal, dialect: dialectOfProduct(element.name)! };
}

function columnsFor(dialect: BmecatDialect): ProblemColumns {
  return { sku: dialect.id, gtin: dialect.gtin[0]!, image: 'MIME_INFO/MIME/MIME_SOURCE', price: `${dialect.price}/PRICE_AMOUNT` };
}

type BaseContext = Omit<ProductContext, 'categoryOf'>;

/** T_UPDATE_PRICES: each product's new prices, for a live product only. */
async function* priceChanges(path: string, fileName: string, productContext: BaseContext): AsyncGenerator<PriceChange> {
  for await (const { element, ordinal, dialect } of products(path, fileName)) {
    const read = readBmecatPriceUpdate(element, ordinal, dialect, productContext);
    yield {
      rowNumber: ordinal, sku: read.sku, prices: read.prices, problems: read.problems, quantitiesInOrderUnits: true, keepTiers: false, currency: productContext.currency,
      unknownSku: () => ({
        severity: 'error', rowNumber: ordinal, column: `${dialect.product}[${ordinal}]/${dialect.id}`, value: read.sku, expected: 'a SKU of the live revision',
        message: `Product ${ordinal} (line ${element.line}): ${read.sku} is not in the live revision of this catalog, so its price cannot be changed; a price update changes existing products only.`,
      }),
    };
  }
}

/** T_NEW_CATALOG or T_UPDATE_PRODUCTS: each product read; mode="delete" deletes in an update and is left out (a warning) in a new catalog. */
async function* productItems(path: string, fileName: string, productContext: BaseContext, categoryOf: ReturnType<typeof categoryLookup>, deletedSkus: Map<string, number> | null): AsyncGenerator<CheckedItem> {
  for await (const { element, ordinal, dialect } of products(path, fileName)) {
    const read = readBmecatProduct(element, ordinal, dialect, { ...productContext, categoryOf: (id) => categoryOf(id, element, dialect) });
    if (read.mode === 'delete') {
      if (deletedSkus && read.sku !== '') deletedSkus.set(read.sku, ordinal);
      else if (!deletedSkus) {
        read.checked.problems.push({
          severity: 'warning', rowNumber: ordinal, column: `${dialect.product}[${ordinal}]`, value: 'delete', expected: 'mode="new"',
          message: `Product ${ordinal} (line ${element.line}): the product is marked mode="delete" in a new catalog, so it was left out.`,
        });
      }
    }
    yield read.checked;
  }
}

/**
 * Reads a BMEcat 1.2 or 2005 file in two streaming passes (see indexBmecat): T_NEW_CATALOG
 * gives a full revision; T_UPDATE_PRODUCTS replaces, adds (mode="new"/"update") and deletes
 * (mode="delete") products of the live revision; T_UPDATE_PRICES changes the prices of live
 * products. The file's currency must be the catalog's.
 */
export async function openBmecatSource(path: string, fileName: string, context: FormatContext): Promise<Omit<ItemSource, 'cleanup' | 'imageLookup'>> {
  const index = await indexBmecat(path, fileName);
  const { currency } = context.catalog;
  if (index.currency && index.currency !== currency) {
    throw new ImportInputError(`"${fileName}" is a catalog in ${index.currency} (HEADER/CATALOG/CURRENCY), but "${context.catalog.name}" is priced in ${currency}. Upload it to a catalog in ${index.currency}, or export it in ${currency}.`, { fileName });
  }
  const version = index.version || index.dialect.version;
  const productContext: BaseContext = { currency, defaultCurrency: index.currency, now: context.now, language: index.language };
  const columns = columnsFor(index.dialect);

  if (index.transaction === 'T_UPDATE_PRICES') {
    const live = liveRevisionFor(context, 'a BMEcat price update (T_UPDATE_PRICES)');
    if (typeof live === 'string') throw new ImportInputError(live, { fileName });
    return {
      format: `bmecat-${version}-update-prices`, columns,
      items: applyPriceChanges(context.db, live, priceChanges(path, fileName, productContext)),
      update: { liveRevisionId: live, outcome: () => ({ deletedSkus: new Map() }) },
    };
  }

  const isUpdate = index.transaction === 'T_UPDATE_PRODUCTS';
  const live = isUpdate ? liveRevisionFor(context, 'a BMEcat product update (T_UPDATE_PRODUCTS)') : null;
  if (typeof live === 'string') throw new ImportInputError(live, { fileName });
  const deletedSkus = new Map<string, number>();
  return {
    format: `bmecat-${version}${isUpdate ? '-update-products' : ''}`, columns,
    items: productItems(path, fileName, productContext, categoryLookup(index), isUpdate ? deletedSkus : null),
    ...(live !== null ? { update: { liveRevisionId: live, outcome: () => ({ deletedSkus }) } } : {}),
  };
}
