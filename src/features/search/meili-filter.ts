import { listRangeFor, type PriceClass } from './price-classes.ts';
import type { PriceRange } from './price-bands.ts';

// Price classes and facet filters as Meilisearch filter expressions. The buyer's scope is
// always part of the filter, built on the server: the browser never talks to Meilisearch.

/** A quoted filter string value. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: readonly string[]) => `[${values.map(quoted).join(', ')}]`;

/** The same membership as price-classes.ts inClass, for documents of the class's catalog index. */
export function classFilter(c: PriceClass): string {
  const parts = [`revisionId = ${c.revisionId}`];
  if (c.sku !== null) {
    parts.push(`sku = ${quoted(c.sku)}`);
  } else {
    if (c.exceptSkus.length) parts.push(`NOT sku IN ${list(c.exceptSkus)}`);
    if (c.underPath !== null) parts.push(`categoryAncestors = ${quoted(c.underPath)}`);
    if (c.notUnder.length) parts.push(`NOT categoryAncestors IN ${list(c.notUnder)}`);
  }
  return `(${parts.join(' AND ')})`;
}

/** The class restricted to net prices in `price`; null when no item of the class can be in it. */
export function classInPriceFilter(c: PriceClass, price: PriceRange | null): string | null {
  if (price === null) return classFilter(c);
  if (price.currency !== c.currency) return null;
  const range = listRangeFor(c, price.loMinor, price.hiMinor);
  if (range === null) return null;
  if (range === 'all') return classFilter(c);
  const bounds = [`listUnitMinor >= ${range.lo}`];
  if (range.hi !== null) bounds.push(`listUnitMinor <= ${range.hi}`);
  return `(${classFilter(c)} AND ${bounds.join(' AND ')})`;
}

/** Items of any of the classes (with their net price in `price`); null when none can match. */
export function scopeFilter(classes: readonly PriceClass[], price: PriceRange | null): string | null {
  const parts = classes.map((c) => classInPriceFilter(c, price)).filter((p): p is string => p !== null);
  return parts.length ? `(${parts.join(' OR ')})` : null;
}

export function categoryFilter(path: string): string {
  return `categoryAncestors = ${quoted(path)}`;
}

export function manufacturerFilter(makers: readonly string[]): string {
  return `manufacturer IN ${list(makers)}`;
}

export function codeFilter(code: string): string {
  return `codes = ${quoted(code)}`;
}

export function and(...parts: Array<string | null>): string {
  return parts.filter((p): p is string => p !== null && p !== '').join(' AND ');
}
