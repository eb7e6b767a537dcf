/**
 * Element names that differ between BMEcat 1.2 (ARTICLE…) and BMEcat 2005 (PRODUCT…). The
 * dialect is taken from the product element itself, so files that mix the two (some
 * generators write 1.2 names under version="2005") are still read.
 */
export interface BmecatDialect {
  version: '1.2' | '2005';
  product: string;
  id: string;
  details: string;
  features: string;
  orderDetails: string;
  priceDetails: string;
  price: string;
  gtin: readonly string[];
  mpn: string;
  groupMap: string;
  groupMapProduct: string;
}

export const BMECAT_2005: BmecatDialect = {
  version: '2005',
  product: 'PRODUCT',
  id: 'SUPPLIER_PID',
  details: 'PRODUCT_DETAILS',
  features: 'PRODUCT_FEATURES',
  orderDetails: 'PRODUCT_ORDER_DETAILS',
  priceDetails: 'PRODUCT_PRICE_DETAILS',
  price: 'PRODUCT_PRICE',
  gtin: ['INTERNATIONAL_PID', 'EAN'],
  mpn: 'MANUFACTURER_PID',
  groupMap: 'PRODUCT_TO_CATALOGGROUP_MAP',
  groupMapProduct: 'PROD_ID',
};

export const BMECAT_12: BmecatDialect = {
  version: '1.2',
  product: 'ARTICLE',
  id: 'SUPPLIER_AID',
  details: 'ARTICLE_DETAILS',
  features: 'ARTICLE_FEATURES',
  orderDetails: 'ARTICLE_ORDER_DETAILS',
  priceDetails: 'ARTICLE_PRICE_DETAILS',
  price: 'ARTICLE_PRICE',
  gtin: ['EAN', 'INTERNATIONAL_PID'],
  mpn: 'MANUFACTURER_AID',
  groupMap: 'ARTICLE_TO_CATALOGGROUP_MAP',
  groupMapProduct: 'ART_ID',
};

export function dialectOfProduct(name: string): BmecatDialect | undefined {
  if (name === 'PRODUCT') return BMECAT_2005;
  if (name === 'ARTICLE') return BMECAT_12;
  return undefined;
}

/** The transactions a BMEcat document may carry (the element after HEADER). */
export const TRANSACTIONS = ['T_NEW_CATALOG', 'T_UPDATE_PRODUCTS', 'T_UPDATE_PRICES'] as const;
export type BmecatTransaction = (typeof TRANSACTIONS)[number];

export function isTransaction(name: string): name is BmecatTransaction {
  return (TRANSACTIONS as readonly string[]).includes(name);
}
