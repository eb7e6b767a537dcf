import type { PriceTier } from '#db/schema/catalogs.ts';
import { formatMoney } from '#kernel/money/format-money.ts';
import type { DiffableItem, DiffField } from './diff-items.ts';
import { plural } from '#kernel/plural.ts';

/** A field that changed between two versions of an item, with both values in words. */
export interface FieldChange { field: DiffField; label: string; before: string; after: string }

const LABELS: Record<DiffField, string> = {
  name: 'name', description: 'description', categoryPath: 'category', unit: 'unit', priceMinor: 'price', tiers: 'quantity breaks',
  minOrderQty: 'minimum order', gtin: 'GTIN', manufacturer: 'manufacturer', mpn: 'manufacturer part number', attributes: 'attributes', images: 'images',
};

export function fieldLabel(field: DiffField): string {
  return LABELS[field];
}

// Long descriptions would drown the table: the start of each side is enough to tell them apart.
const LONGEST_TEXT = 160;
function short(text: string): string {
  return text.length > LONGEST_TEXT ? `${text.slice(0, LONGEST_TEXT - 1)}…` : text;
}

/** "from 10: €1.20; from 50: €1.00", or "none". */
export function tiersText(tiers: readonly PriceTier[], currency: string): string {
  return tiers.length ? tiers.map((t) => `from ${t.minQty.toLocaleString('en')}: ${formatMoney(t.priceMinor, currency)}`).join('; ') : 'none';
}

/** One field's value as a person reads it; empty values read "(empty)". */
export function fieldValueText(item: DiffableItem, field: DiffField, currency: string): string {
  switch (field) {
    case 'priceMinor': return formatMoney(item.priceMinor, currency);
    case 'tiers': return tiersText(item.tiers, currency);
    case 'minOrderQty': return item.minOrderQty.toLocaleString('en');
    case 'attributes': {
      const entries = Object.entries(item.attributes).sort(([a], [b]) => a.localeCompare(b));
      return entries.length ? short(entries.map(([k, v]) => `${k}: ${v}`).join('; ')) : '(empty)';
    }
    case 'images': return item.images.length === 0 ? 'none' : plural(item.images.length, 'image');
    default: {
      const value = item[field];
      return value === null || value === '' ? '(empty)' : short(value);
    }
  }
}

/**
 * The images of two versions in words: a count alone would say "2 images → 2 images" when one
 * picture was swapped, so the order and the content are compared too.
 */
function imagesChange(before: string[], after: string[]): [string, string] {
  const kept = after.filter((h) => before.includes(h)).length;
  const count = (n: number) => (n === 0 ? 'none' : plural(n, 'image'));
  if (before.length === after.length && kept === after.length) return [count(before.length), `${count(after.length)}, in another order`];
  const replaced = after.length - kept;
  return [count(before.length), replaced > 0 && kept > 0 ? `${count(after.length)} (${replaced} new)` : count(after.length)];
}

/** Old → new in words for each of `fields`. */
export function describeFieldChanges(before: DiffableItem, after: DiffableItem, fields: readonly DiffField[], currency: string): FieldChange[] {
  return fields.map((field) => {
    if (field === 'images') {
      const [b, a] = imagesChange(before.images, after.images);
      return { field, label: LABELS[field], before: b, after: a };
    }
    return { field, label: LABELS[field], before: fieldValueText(before, field, currency), after: fieldValueText(after, field, currency) };
  });
}
