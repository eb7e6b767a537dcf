import { MAX_QUANTITY } from './list-problem.ts';
import { plural } from '#kernel/plural.ts';

/** What a supplier allows to be ordered of an item: at least `minimum`, in steps of `multiple`. */
export interface OrderTerms { minimum: number; multiple: number }

/** The attribute a BMEcat file's QUANTITY_INTERVAL becomes (ingest/readers/bmecat-order.ts). */
const MULTIPLE_ATTRIBUTE = 'Order in multiples of';

export function orderTermsOf(item: { minOrderQty: number; attributes: Record<string, string> }): OrderTerms {
  // A plain number is in order units; "200 pieces" (an item sold by the bundle) says base units, already met by whole bundles.
  const text = item.attributes[MULTIPLE_ATTRIBUTE]?.trim() ?? '';
  const multiple = /^\d{1,7}$/.test(text) && Number(text) > 1 ? Number(text) : 1;
  return { minimum: Math.max(1, item.minOrderQty), multiple };
}

/** The smallest quantity of at least `quantity` that the terms allow. */
export function nextValidQuantity(quantity: number, terms: OrderTerms): number {
  const atLeast = Math.max(quantity, terms.minimum);
  return Math.ceil(atLeast / terms.multiple) * terms.multiple;
}

/**
 * Why a quantity cannot be ordered, with the quantity to order instead, or null when it can:
 * "AF-1 is sold from 2 units: order 2 or more." / "… is sold in multiples of 6: 12 is the next quantity you can order."
 */
export function quantityProblem(quantity: number, terms: OrderTerms, sku: string): { message: string; suggestion: number } | null {
  const suggestion = nextValidQuantity(quantity, terms);
  if (suggestion === quantity) return null;
  const rule = quantity < terms.minimum
    ? `${sku} is sold from ${plural(terms.minimum, 'unit')}${terms.multiple > 1 ? ` in multiples of ${terms.multiple}` : ''}`
    : `${sku} is sold in multiples of ${terms.multiple}`;
  if (suggestion > MAX_QUANTITY) return { message: `${rule}.`, suggestion };
  return { message: `${rule}: ${suggestion.toLocaleString('en')} is the next quantity you can order.`, suggestion };
}
