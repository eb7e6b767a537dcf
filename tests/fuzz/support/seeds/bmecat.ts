import fc from 'fast-check';
import { declaration, doctype, DOCTYPES, ENTITY_REFS, escapeXml, nested } from './xml-attacks.ts';
import { date, encodeText, gtin, quantity, sku, text, type TextEncoding } from './values.ts';

interface PriceRecipe { type: string; amount: string; currency: string; lowerBound: string; factor: string | null }
interface ProductRecipe {
  sku: string; name: string; description: string; gtin: string; unit: string; mode: string; group: string;
  prices: PriceRecipe[]; validFrom: string | null; validTo: string | null; features: [string, string][]; image: string | null;
  /** Something hostile inside the product: a reference to an entity, deep nesting, a huge attribute. */
  hostile: { kind: 'none' | 'entity' | 'deep' | 'attributes' | 'cdata' | 'prefix'; n: number };
}
export interface BmecatRecipe {
  version: '1.2' | '2005';
  transaction: 'T_NEW_CATALOG' | 'T_UPDATE_PRODUCTS' | 'T_UPDATE_PRICES' | 'T_OTHER';
  currency: string;
  declaration: string;
  doctype: string;
  encoding: TextEncoding;
  groups: boolean;
  products: ProductRecipe[];
  rootDepth: number;
}

const price: fc.Arbitrary<PriceRecipe> = fc.record({
  type: fc.constantFrom('net_list', 'net_customer', 'gros_list', 'nrp', 'udp_x', '', 'net_list"'),
  amount: fc.oneof(fc.constantFrom('12.50', '0.0297', '1499', '12,50', '1e3', '-1', '', '99999999999999999999.99', '0.00001', '.5', '5.'), fc.string({ maxLength: 6 })),
  currency: fc.constantFrom('', 'EUR', 'USD', 'eur', 'XXX'),
  lowerBound: quantity,
  factor: fc.option(fc.constantFrom('1', '0.5', '100', '1e2', 'x', '0'), { nil: null }),
});

const product: fc.Arbitrary<ProductRecipe> = fc.record({
  sku, name: text, description: fc.oneof(text, fc.constantFrom('<p>Para</p><ul><li>one</li></ul>', '&lt;b&gt;bold&lt;/b&gt; &amp;valueOf;', '<br/>'.repeat(50))), gtin,
  unit: fc.constantFrom('C62', 'PK', 'MTR', '', 'XYZ', '100 pieces'), mode: fc.constantFrom('new', 'update', 'delete', '', 'DELETE'),
  group: fc.constantFrom('11', '21', '999', '', '1'),
  prices: fc.array(price, { maxLength: 3 }),
  validFrom: fc.option(date, { nil: null }), validTo: fc.option(date, { nil: null }),
  features: fc.array(fc.tuple(fc.constantFrom('Length', 'EF000008', '__proto__', 'constructor', '', 'Ø'), text), { maxLength: 3 }),
  image: fc.option(fc.constantFrom('red.png', 'img/blue.jpg', 'https://x.example/a.png', '../../etc/passwd', ''), { nil: null }),
  hostile: fc.record({ kind: fc.oneof({ weight: 12, arbitrary: fc.constant<ProductRecipe['hostile']['kind']>('none') }, { weight: 1, arbitrary: fc.constantFrom<ProductRecipe['hostile']['kind']>('entity', 'deep', 'attributes', 'cdata', 'prefix') }), n: fc.nat() }),
});

export const bmecatRecipe: fc.Arbitrary<BmecatRecipe> = fc.record({
  version: fc.constantFrom('1.2', '2005'),
  transaction: fc.constantFrom('T_NEW_CATALOG', 'T_NEW_CATALOG', 'T_NEW_CATALOG', 'T_UPDATE_PRODUCTS', 'T_UPDATE_PRICES', 'T_OTHER'),
  currency: fc.constantFrom('EUR', 'EUR', 'EUR', 'USD', '', 'eur'),
  declaration,
  doctype,
  encoding: fc.oneof({ weight: 4, arbitrary: fc.constant<TextEncoding>('utf-8') }, { weight: 1, arbitrary: fc.constantFrom<TextEncoding>('utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'windows-1252', 'double-utf-8') }),
  groups: fc.boolean(),
  products: fc.array(product, { maxLength: 6 }),
  rootDepth: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }) }),
});

const el = (name: string, value: string, attrs = '') => `<${name}${attrs}>${value}</${name}>`;

function hostile(h: ProductRecipe['hostile']): string {
  switch (h.kind) {
    case 'entity': return el('REMARKS_X', ENTITY_REFS[h.n % ENTITY_REFS.length]!);
    case 'deep': return nested('x', 100 + (h.n % 5000), 'D');
    case 'attributes': return `<FEATURE ${Array.from({ length: 50 + (h.n % 2000) }, (_, i) => `a${i}="${'v'.repeat(h.n % 100)}"`).join(' ')}/>`;
    case 'cdata': return `<DESCRIPTION_LONG><![CDATA[${'<x>'.repeat(h.n % 500)}]]></DESCRIPTION_LONG>`;
    case 'prefix': return `<undeclared:PRODUCT_X>y</undeclared:PRODUCT_X>`;
    default: return '';
  }
}

function productXml(p: ProductRecipe, r: BmecatRecipe): string {
  const v12 = r.version === '1.2';
  const [PRODUCT, PID, DETAILS, ORDER, PRICE_DETAILS, PRICE, FEATURES] = v12
    ? ['ARTICLE', 'SUPPLIER_AID', 'ARTICLE_DETAILS', 'ARTICLE_ORDER_DETAILS', 'ARTICLE_PRICE_DETAILS', 'ARTICLE_PRICE', 'ARTICLE_FEATURES']
    : ['PRODUCT', 'SUPPLIER_PID', 'PRODUCT_DETAILS', 'PRODUCT_ORDER_DETAILS', 'PRODUCT_PRICE_DETAILS', 'PRODUCT_PRICE', 'PRODUCT_FEATURES'];
  const validity = (p.validFrom || p.validTo)
    ? (v12 ? `${p.validFrom ? el('DATETIME', el('DATE', escapeXml(p.validFrom)), ' type="valid_start_date"') : ''}${p.validTo ? el('DATETIME', el('DATE', escapeXml(p.validTo)), ' type="valid_end_date"') : ''}`
      : `${p.validFrom ? el('VALID_START_DATE', escapeXml(p.validFrom)) : ''}${p.validTo ? el('VALID_END_DATE', escapeXml(p.validTo)) : ''}`)
    : '';
  const prices = p.prices.map((x) => el(PRICE, el('PRICE_AMOUNT', escapeXml(x.amount)) + (x.currency ? el('PRICE_CURRENCY', x.currency) : '') + (x.factor ? el('PRICE_FACTOR', x.factor) : '') + el('LOWER_BOUND', escapeXml(x.lowerBound)), ` price_type="${escapeXml(x.type)}"`)).join('');
  const features = p.features.length ? el(FEATURES, p.features.map(([n, v]) => el('FEATURE', el('FNAME', escapeXml(n)) + el('FVALUE', escapeXml(v)))).join('')) : '';
  const mime = p.image === null ? '' : el('MIME_INFO', el('MIME', el('MIME_TYPE', 'image/png') + el('MIME_SOURCE', escapeXml(p.image)) + el('MIME_PURPOSE', 'normal')));
  return el(PRODUCT,
    el(PID, escapeXml(p.sku))
      + el(DETAILS, el('DESCRIPTION_SHORT', escapeXml(p.name)) + el('DESCRIPTION_LONG', escapeXml(p.description)) + (p.gtin ? el(v12 ? 'EAN' : 'INTERNATIONAL_PID', escapeXml(p.gtin), v12 ? '' : ' type="gtin"') : ''))
      + features
      + el(ORDER, el('ORDER_UNIT', p.unit) + el('CONTENT_UNIT', p.unit) + el('PRICE_QUANTITY', '1') + el('QUANTITY_MIN', '1'))
      + el(PRICE_DETAILS, validity + prices)
      + mime + hostile(p.hostile),
    p.mode ? ` mode="${p.mode}"` : '');
}

export function bmecatText(r: BmecatRecipe): string {
  const v12 = r.version === '1.2';
  const groups = r.groups
    ? el('CATALOG_GROUP_SYSTEM', [['1', 'Root', '0'], ['11', 'Screws > bolts', '1'], ['21', 'Washers', '20']].map(([id, name, parent]) => el('CATALOG_STRUCTURE', el('GROUP_ID', id!) + el('GROUP_NAME', escapeXml(name!)) + el('PARENT_ID', parent!), ' type="node"')).join(''))
    : '';
  const mapName = v12 ? 'ARTICLE_TO_CATALOGGROUP_MAP' : 'PRODUCT_TO_CATALOGGROUP_MAP';
  const maps = r.groups ? r.products.map((p) => el(mapName, el(v12 ? 'ART_ID' : 'PROD_ID', escapeXml(p.sku)) + el('CATALOG_GROUP_ID', p.group))).join('') : '';
  const body = el(r.transaction, groups + r.products.map((p) => productXml(p, r)).join('') + maps, r.transaction === 'T_NEW_CATALOG' ? '' : ' prev_version="1"');
  const header = el('HEADER', el('CATALOG', el('LANGUAGE', 'eng') + el('CATALOG_ID', 'FUZZ') + el('CATALOG_VERSION', '1.0') + (r.currency ? el('CURRENCY', r.currency) : '')) + el('SUPPLIER', el('SUPPLIER_NAME', 'Fuzz')));
  const document = el('BMECAT', header + body, ` version="${r.version}" xmlns="http://www.bmecat.org/bmecat/${r.version}"`);
  const deep = r.rootDepth > 0 ? document.replace('</HEADER>', `</HEADER>${nested('', r.rootDepth)}`) : document;
  return `${r.declaration}\n${DOCTYPES[r.doctype] ?? ''}\n${deep}\n`;
}

export function bmecatBytes(r: BmecatRecipe): Uint8Array {
  return encodeText(bmecatText(r), r.encoding);
}
