import type { SimpleField } from './header-synonyms.ts';

/** What one column of the price list feeds. */
export type ColumnRole =
  | { field: SimpleField; currency?: string }
  | { field: 'categoryLevel'; level: number }
  | { field: 'tierPrice'; minQty: number; currency?: string }
  | { field: 'attribute' }
  | { field: 'ignore' };

export const REQUIRED_FIELDS = ['sku', 'name', 'price'] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

const SIMPLE: readonly SimpleField[] = ['sku', 'name', 'description', 'price', 'currency', 'unit', 'category', 'gtin', 'manufacturer', 'mpn', 'minOrderQty', 'image'];

/**
 * The role as stored in a saved mapping (catalogs.columnMapping): the field name, or
 * "category:2" for a category level, "tier:10" for the price from 10 units on.
 */
export function formatRole(role: ColumnRole): string {
  if (role.field === 'categoryLevel') return `category:${role.level}`;
  if (role.field === 'tierPrice') return `tier:${role.minQty}`;
  return role.field;
}

/** Reads a stored role back; undefined for anything unknown (the column is then recognized anew). */
export function parseRole(text: string): ColumnRole | undefined {
  const [name = '', number] = text.trim().split(':');
  const n = Number(number);
  if (number !== undefined) {
    if (!/^\d{1,9}$/.test(number)) return undefined;
    if (name === 'category' && n >= 1) return { field: 'categoryLevel', level: n };
    if (name === 'tier') return { field: 'tierPrice', minQty: n };
    return undefined;
  }
  if (name === 'attribute' || name === 'ignore') return { field: name };
  return (SIMPLE as readonly string[]).includes(name) ? { field: name as SimpleField } : undefined;
}
