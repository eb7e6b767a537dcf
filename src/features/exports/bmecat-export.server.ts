import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { CATEGORY_SEPARATOR } from '#features/ingest/mapping/category-levels.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { UNIT_TEXT_UDX } from '#features/ingest/readers/bmecat-order.ts';
import { mediaReference } from '#features/ingest/images/media-reference.ts';
import { revisionItemBatches, revisionShape, type ExportItem } from '#features/ingest/revisions/revision-items.server.ts';
import { bundleOf, unitCode, unitQuantity, unitWord } from '#features/ingest/readers/units.ts';
import { element, optional } from './xml-writer.ts';

export interface BmecatExportCatalog { slug: string; name: string; currency: string; revisionId: number; supplierName: string }

const ROOT_GROUP = '1';

/** Group ids for every level of every category path, parents before children. */
function groupTree(paths: readonly string[]): { ids: Map<string, string>; groups: { id: string; name: string; parent: string; leaf: boolean }[] } {
  const ids = new Map<string, string>();
  const groups: { id: string; name: string; parent: string; leaf: boolean }[] = [];
  for (const path of paths) {
    const levels = path.split(CATEGORY_SEPARATOR);
    let parent = ROOT_GROUP;
    levels.forEach((name, depth) => {
      const key = levels.slice(0, depth + 1).join(CATEGORY_SEPARATOR);
      let id = ids.get(key);
      if (id === undefined) {
        id = String(ids.size + 2);
        ids.set(key, id);
        groups.push({ id, name, parent, leaf: true });
      }
      parent = id;
    });
  }
  const parents = new Set(groups.map((g) => g.parent));
  for (const g of groups) g.leaf = !parents.has(g.id);
  return { ids, groups };
}

/**
 * How an item's unit is written: the UN/ECE code as ORDER_UNIT, a bundle ("100 pieces") as its
 * code with PRICE_QUANTITY 100, and the exact text in a user-defined extension whenever the
 * code alone would read back differently ("Pack" → PK reads back as "pack").
 */
function unitOf(unit: string): { code: string; priceQuantity: number; keepText: boolean } {
  const bundle = bundleOf(unit);
  if (bundle && unitQuantity(String(bundle.quantity), bundle.code) === unit) return { code: bundle.code, priceQuantity: bundle.quantity, keepText: false };
  const code = unitCode(unit) ?? unit;
  return { code, priceQuantity: 1, keepText: unitWord(code) !== unit };
}

function product(item: ExportItem, catalog: BmecatExportCatalog, origin: string): string {
  const unit = unitOf(item.unit);
  const price = (minor: number, lowerBound: number) => `<PRODUCT_PRICE price_type="net_list">${element('PRICE_AMOUNT', formatMinor(minor, catalog.currency))}${element('PRICE_CURRENCY', catalog.currency)}${element('LOWER_BOUND', String(lowerBound))}</PRODUCT_PRICE>`;
  const features = Object.entries(item.attributes).map(([name, value]) => `<FEATURE>${element('FNAME', name)}${element('FVALUE', value)}</FEATURE>`).join('');
  const images = item.images.map((hash, i) => `<MIME>${element('MIME_TYPE', 'image/webp')}${element('MIME_SOURCE', mediaReference(origin, hash, item.imageWidths[i]!))}${element('MIME_PURPOSE', 'normal')}${element('MIME_ORDER', String(i + 1))}</MIME>`).join('');
  return '<PRODUCT mode="new">'
    + element('SUPPLIER_PID', item.sku)
    + `<PRODUCT_DETAILS>${element('DESCRIPTION_SHORT', item.name)}${optional('DESCRIPTION_LONG', item.description)}${optional('INTERNATIONAL_PID', item.gtin, { type: 'gtin' })}${optional('MANUFACTURER_PID', item.mpn)}${optional('MANUFACTURER_NAME', item.manufacturer)}</PRODUCT_DETAILS>`
    + (features ? `<PRODUCT_FEATURES>${element('REFERENCE_FEATURE_SYSTEM_NAME', 'udf_Vitrine-1.0')}${features}</PRODUCT_FEATURES>` : '')
    + `<PRODUCT_ORDER_DETAILS>${element('ORDER_UNIT', unit.code)}${element('CONTENT_UNIT', unit.code)}${element('NO_CU_PER_OU', '1')}${element('PRICE_QUANTITY', String(unit.priceQuantity))}${element('QUANTITY_MIN', String(item.minOrderQty * unit.priceQuantity))}${element('QUANTITY_INTERVAL', '1')}</PRODUCT_ORDER_DETAILS>`
    + `<PRODUCT_PRICE_DETAILS>${price(item.priceMinor, 1)}${item.tiers.map((t) => price(t.priceMinor, t.minQty * unit.priceQuantity)).join('')}</PRODUCT_PRICE_DETAILS>`
    + (images ? `<MIME_INFO>${images}</MIME_INFO>` : '')
    + (unit.keepText ? `<USER_DEFINED_EXTENSIONS>${element(UNIT_TEXT_UDX, item.unit)}</USER_DEFINED_EXTENSIONS>` : '')
    + '</PRODUCT>\n';
}

/**
 * A revision as a BMEcat 2005 T_NEW_CATALOG document, streamed: the header, the category tree
 * as CATALOG_GROUP_SYSTEM, one PRODUCT per item (attributes as features of a supplier-defined
 * system, images as the addresses of the stored images), then the product → group map. Read
 * back by the BMEcat reader, it gives the same items, so the diff after a round trip is empty.
 */
export async function* bmecatDocument(db: Db, catalog: BmecatExportCatalog, origin: string, now: Date): AsyncGenerator<string> {
  const { categoryPaths } = await revisionShape(db, catalog.revisionId);
  const tree = groupTree(categoryPaths);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<BMECAT version="2005" xmlns="http://www.bmecat.org/bmecat/2005">\n'
    + `<HEADER>${element('GENERATOR_INFO', 'Vitrine')}<CATALOG><LANGUAGE default="true">eng</LANGUAGE>${element('CATALOG_ID', catalog.slug)}${element('CATALOG_VERSION', `${catalog.revisionId}.0`)}`
    + `${element('CATALOG_NAME', catalog.name)}${element('GENERATION_DATE', now.toISOString().slice(0, 19) + 'Z')}${element('CURRENCY', catalog.currency)}</CATALOG>`
    + `<SUPPLIER>${element('SUPPLIER_NAME', catalog.supplierName)}</SUPPLIER></HEADER>\n<T_NEW_CATALOG>\n`;
  if (tree.groups.length > 0) {
    let system = `<CATALOG_GROUP_SYSTEM>${element('GROUP_SYSTEM_NAME', catalog.name)}<CATALOG_STRUCTURE type="root">${element('GROUP_ID', ROOT_GROUP)}${element('GROUP_NAME', catalog.name)}${element('PARENT_ID', '0')}</CATALOG_STRUCTURE>\n`;
    for (const g of tree.groups) system += `<CATALOG_STRUCTURE type="${g.leaf ? 'leaf' : 'node'}">${element('GROUP_ID', g.id)}${element('GROUP_NAME', g.name)}${element('PARENT_ID', g.parent)}</CATALOG_STRUCTURE>\n`;
    yield `${system}</CATALOG_GROUP_SYSTEM>\n`;
  }
  for await (const batch of revisionItemBatches(db, catalog.revisionId)) yield batch.map((item) => product(item, catalog, origin)).join('');
  let after = -1;
  for (;;) {
    const rows = await db.all<{ id: number; sku: string; path: string }>(sql`SELECT id, sku, category_path AS path FROM items WHERE revision_id = ${catalog.revisionId} AND id > ${after} AND category_path <> '' ORDER BY id LIMIT 5000`);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    yield rows.map((r) => `<PRODUCT_TO_CATALOGGROUP_MAP>${element('PROD_ID', r.sku)}${element('CATALOG_GROUP_ID', tree.ids.get(r.path)!)}</PRODUCT_TO_CATALOGGROUP_MAP>\n`).join('');
  }
  yield '</T_NEW_CATALOG>\n</BMECAT>\n';
}

/** The document as a byte stream for a download response. */
export function textStream(parts: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() { await parts.return(undefined); },
  });
}
