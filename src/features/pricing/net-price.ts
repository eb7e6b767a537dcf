import { compileViews } from './compile-views.ts';
import { priceItem } from './price-item.ts';
import type { NetPrice, PricedItemInput, ViewVersionInput } from './types.ts';

/**
 * Net unit price of one item for a buyer whose resolved view versions are `views`; null
 * when no view shows it. Compiles the views on every call: to price a page, call
 * compileViews once and priceItem per item.
 */
export function netUnitPrice(
  item: PricedItemInput,
  views: readonly ViewVersionInput[],
  quantity: number,
  now: Date,
): NetPrice | null {
  return priceItem(compileViews(views), item, quantity, now);
}
