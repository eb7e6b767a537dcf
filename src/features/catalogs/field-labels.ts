import type { DiffField } from '#features/ingest/revisions/diff-items.ts';
import { FIELD_CHOICES } from '#features/ingest/mapping/column-choice-form.ts';
import { parseRole } from '#features/ingest/mapping/column-role.ts';

const DIFF_FIELD_LABELS: Record<DiffField, string> = {
  name: 'name', description: 'description', categoryPath: 'category', unit: 'unit', priceMinor: 'price', tiers: 'quantity breaks',
  minOrderQty: 'minimum order', gtin: 'GTIN', manufacturer: 'manufacturer', mpn: 'manufacturer part number', attributes: 'attributes', images: 'images',
};

export function diffFieldLabel(field: DiffField): string {
  return DIFF_FIELD_LABELS[field];
}

/** A stored role ("price", "tier:10", "category:2") in words: "Price from 10 units". */
export function roleLabel(stored: string): string {
  const role = parseRole(stored);
  if (!role) return stored;
  if (role.field === 'tierPrice') return `Price from ${role.minQty} units`;
  if (role.field === 'categoryLevel') return `Category level ${role.level}`;
  return FIELD_CHOICES.find((c) => c.value === role.field)?.label ?? role.field;
}
