import type { PriceTier } from '#db/schema/catalogs.ts';
import type { BmecatDialect } from './bmecat-dialect.ts';
import type { ChosenPrices, Report } from './bmecat-prices.ts';
import { wholeNumber } from './decimal-amount.ts';
import { unitCode, unitQuantity, unitWord } from './units.ts';
import { child, textOf, type XmlElement } from './xml-element.ts';

/** The exact unit text of an item, kept by Vitrine's own BMEcat export beside the standard code. */
export const UNIT_TEXT_UDX = 'UDX.VITRINE.UNIT';

export interface OrderTerms {
  ok: boolean;
  unit: string;
  minOrderQty: number;
  tiers: PriceTier[];
  attributes: Record<string, string>;
}

/** Quantities in order units → quantities of the sold unit when a price covers `bundle` order units. */
export function inBundles(quantity: number, bundle: number): number {
  return Math.max(1, Math.ceil(quantity / bundle));
}

/**
 * The unit, minimum order quantity and quantity breaks of a product, from its order details.
 * The unit is the ORDER_UNIT as a word ("C62" → "piece"), or the exact text a Vitrine export
 * kept in USER_DEFINED_EXTENSIONS when it still stands for the same code. A PRICE_QUANTITY of
 * N means the prices are for N order units: the item is then sold by the bundle ("100
 * pieces"), and the minimum, the breaks and the interval are counted in bundles. NO_CU_PER_OU becomes the
 * attribute "Contents" ("6 pieces"), QUANTITY_INTERVAL "Order in multiples of".
 */
export function orderTerms(product: XmlElement, dialect: BmecatDialect, prices: ChosenPrices | null, report: Report, root: string): OrderTerms {
  const details = child(product, dialect.orderDetails);
  const attributes: Record<string, string> = {};
  let ok = true;
  const orderUnit = textOf(child(details, 'ORDER_UNIT'));
  const keptText = textOf(child(child(product, 'USER_DEFINED_EXTENSIONS'), UNIT_TEXT_UDX));
  const baseUnit = orderUnit === '' ? 'piece' : keptText !== '' && (unitCode(keptText) ?? keptText) === orderUnit ? keptText : unitWord(orderUnit);

  const quantityOf = (name: string): number => {
    const element = child(details, name);
    if (!element) return 1;
    const value = wholeNumber(textOf(element));
    if (value === null || value < 1) {
      report('error', element, textOf(element), 'a whole number of 1 or more', `"${textOf(element)}" is not a whole quantity`);
      ok = false;
      return 1;
    }
    return value;
  };
  const priceQuantity = quantityOf('PRICE_QUANTITY');
  const quantityMin = quantityOf('QUANTITY_MIN');
  const unit = priceQuantity === 1 ? baseUnit : unitQuantity(String(priceQuantity), orderUnit || 'C62');

  let minOrderQty = inBundles(quantityMin, priceQuantity);
  const fromQuantity = prices ? inBundles(prices.fromQuantity, priceQuantity) : 1;
  if (fromQuantity > minOrderQty) {
    report('warning', `${root}/${dialect.priceDetails}`, String(prices!.fromQuantity), 'a price from 1 unit', `the lowest price applies from ${prices!.fromQuantity} units, so the minimum order quantity is ${fromQuantity}`);
    minOrderQty = fromQuantity;
  }
  const tiers = (prices?.tiers ?? []).map((t) => ({ minQty: inBundles(t.minQty, priceQuantity), priceMinor: t.priceMinor }))
    .filter((t, i, all) => t.minQty > fromQuantity && all.findIndex((o) => o.minQty === t.minQty) === i);

  const contentUnit = textOf(child(details, 'CONTENT_UNIT'));
  const perOrderUnit = textOf(child(details, 'NO_CU_PER_OU'));
  if (perOrderUnit !== '' && contentUnit !== '' && (perOrderUnit !== '1' || contentUnit !== orderUnit)) {
    attributes['Contents'] = `${unitQuantity(perOrderUnit, contentUnit)} per ${unitWord(orderUnit || 'C62')}`;
  }
  // The interval is in order units; for an item sold by the bundle it is said with its unit.
  const interval = textOf(child(details, 'QUANTITY_INTERVAL'));
  const intervalUnits = wholeNumber(interval);
  if (interval !== '' && intervalUnits !== priceQuantity && intervalUnits !== 1) {
    attributes['Order in multiples of'] = priceQuantity === 1 ? interval : unitQuantity(interval, orderUnit || 'C62');
  }
  return { ok, unit, minOrderQty, tiers, attributes };
}
