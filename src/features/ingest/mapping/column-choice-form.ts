import { RevisionProblem } from '../revisions/revision-problem.ts';
import type { ColumnRole } from './column-role.ts';

/** The choices of the column-mapping form, in the words the supplier reads. */
export const FIELD_CHOICES = [
  { value: 'sku', label: 'Article number (SKU)' },
  { value: 'name', label: 'Product name' },
  { value: 'description', label: 'Description' },
  { value: 'price', label: 'Price (list price per unit)' },
  { value: 'tier', label: 'Price from a quantity (quantity break)' },
  { value: 'currency', label: 'Currency' },
  { value: 'unit', label: 'Unit (piece, pack, m …)' },
  { value: 'category', label: 'Category path (Tools > Drills)' },
  { value: 'category-level', label: 'Category level (one column per level)' },
  { value: 'gtin', label: 'GTIN / EAN' },
  { value: 'manufacturer', label: 'Manufacturer' },
  { value: 'mpn', label: 'Manufacturer part number' },
  { value: 'minOrderQty', label: 'Minimum order quantity' },
  { value: 'image', label: 'Image file name' },
  { value: 'attribute', label: 'Keep as a product attribute' },
  { value: 'ignore', label: 'Ignore this column' },
] as const;

/** The form's choice and number for a role: "tier:10" → tier + 10, "category:2" → category-level + 2. */
export function choiceOfRole(role: ColumnRole): { choice: string; number: number | null } {
  if (role.field === 'tierPrice') return { choice: 'tier', number: role.minQty };
  if (role.field === 'categoryLevel') return { choice: 'category-level', number: role.level };
  return { choice: role.field, number: null };
}

/**
 * Reads the mapping form (`header-<i>`, `role-<i>`, `number-<i>` per column) into header → role
 * as catalogs.columnMapping stores it, or the sheet picked by the sheet form.
 */
export function columnChoiceFromForm(form: FormData): { columns: Record<string, string> | null; sheet: string | null } {
  const sheetValue = form.get('sheet');
  const sheet = typeof sheetValue === 'string' && sheetValue.trim() !== '' ? sheetValue.trim().slice(0, 100) : null;
  const columns: Record<string, string> = {};
  let any = false;
  for (const [key, value] of form.entries()) {
    const match = /^role-(\d{1,4})$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const header = String(form.get(`header-${match[1]}`) ?? '').trim();
    if (header === '') continue;
    any = true;
    const number = String(form.get(`number-${match[1]}`) ?? '').trim();
    if (value === 'tier' || value === 'category-level') {
      const n = /^\d{1,7}$/.test(number) ? Number(number) : NaN;
      const min = value === 'tier' ? 2 : 1;
      if (!(n >= min)) {
        const what = value === 'tier' ? 'the quantity from which this price applies (2 or more)' : 'the level of this category column (1 for the top level)';
        throw new RevisionProblem(`Column "${header}": enter ${what}.`, { field: `number-${match[1]}`, status: 400 });
      }
      columns[header] = value === 'tier' ? `tier:${n}` : `category:${n}`;
    } else {
      columns[header] = value;
    }
  }
  return { columns: any ? columns : null, sheet };
}
