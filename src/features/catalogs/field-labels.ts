import { FIELD_CHOICES } from '#features/ingest/mapping/column-choice-form.ts';
import { parseRole } from '#features/ingest/mapping/column-role.ts';

/** A stored role ("price", "tier:10", "category:2") in words: "Price from 10 units". */
export function roleLabel(stored: string): string {
  const role = parseRole(stored);
  if (!role) return stored;
  if (role.field === 'tierPrice') return `Price from ${role.minQty} units`;
  if (role.field === 'categoryLevel') return `Category level ${role.level}`;
  return FIELD_CHOICES.find((c) => c.value === role.field)?.label ?? role.field;
}
