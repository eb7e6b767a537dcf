import type { PriceTier } from '#db/schema/catalogs.ts';
import { currencyDecimals } from '#kernel/money/currency-marks.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import type { BmecatDialect } from './bmecat-dialect.ts';
import { isValidAt, priceValidity, type Validity } from './bmecat-dates.ts';
import { parseDecimal, toMinorUnits, wholeNumber } from './decimal-amount.ts';
import { child, childrenNamed, textOf, type XmlElement } from './xml-element.ts';
import { plural } from '#kernel/plural.ts';

export interface PriceContext {
  /** The catalog's currency: prices in others are not used. */
  currency: string;
  /** CATALOG/CURRENCY of the header, for prices that name none. */
  defaultCurrency: string | null;
  now: Date;
}

/** Reports a problem at an element (or the path of a missing one). */
export type Report = (severity: 'error' | 'warning', at: XmlElement | string, value: string | null, expected: string | null, what: string) => void;

export interface ChosenPrices { priceMinor: number; tiers: PriceTier[]; fromQuantity: number }

/**
 * Which price type is the list price. net_list is the supplier's list price, the base the
 * operator's customer rules discount from; a catalog made for one buyer may carry only
 * net_customer (or an exclusive or user-defined type); nrp (recommended retail) comes last.
 * gros_list includes tax and is never taken for a net price.
 */
const TYPE_RANK = (type: string): number => {
  if (type === 'net_list') return 0;
  if (type === 'net_customer') return 1;
  if (type === 'net_customer_exp') return 2;
  if (type.startsWith('udp_') || type === '') return 3;
  if (type === 'nrp') return 4;
  if (type === 'gros_list') return Infinity;
  return 3;
};

function chooseBlocks(blocks: { element: XmlElement; validity: Validity }[], now: Date, report: Report): XmlElement[] {
  const current = blocks.filter((b) => isValidAt(b.validity, now));
  if (current.length > 0 || blocks.length === 0) return current.map((b) => b.element);
  const future = blocks.filter((b) => b.validity.start !== null && b.validity.start > now).sort((a, b) => a.validity.start!.getTime() - b.validity.start!.getTime());
  if (future.length > 0) {
    const first = future[0]!;
    report('warning', first.element, first.validity.startText, null, `the prices are valid only from ${first.validity.startText}; they are used as they are`);
    return [first.element];
  }
  const latest = [...blocks].sort((a, b) => (b.validity.end?.getTime() ?? 0) - (a.validity.end?.getTime() ?? 0))[0]!;
  report('warning', latest.element, latest.validity.endText, null, `the prices expired on ${latest.validity.endText}; they are used until the file is updated`);
  return [latest.element];
}

interface PriceRead { dialect: BmecatDialect; context: PriceContext; report: Report; productPath: string }

/** The prices in the catalog's currency of the best price type (see TYPE_RANK); null (an error reported) when there is none. */
function pricesOfBestType(prices: XmlElement[], read: PriceRead): { prices: XmlElement[]; chosenType: string } | null {
  const { context, report } = read;
  const currencyOf = (price: XmlElement) => (textOf(child(price, 'PRICE_CURRENCY')) || context.defaultCurrency || context.currency).toUpperCase();
  const inCurrency = prices.filter((p) => currencyOf(p) === context.currency);
  if (inCurrency.length === 0) {
    const found = [...new Set(prices.map(currencyOf))].join(', ');
    report('error', child(prices[0], 'PRICE_CURRENCY') ?? prices[0]!, found, `prices in ${context.currency}`, `the product has prices only in ${found}, but this catalog's prices are in ${context.currency}`);
    return null;
  }
  const typeOf = (p: XmlElement) => p.attributes['price_type']?.trim() ?? '';
  const bestRank = Math.min(...inCurrency.map((p) => TYPE_RANK(typeOf(p))));
  if (bestRank === Infinity) {
    report('error', inCurrency[0]!, 'gros_list', 'a net price (price_type net_list or net_customer)', 'the product has only gross prices (gros_list, tax included), but Vitrine shows net prices');
    return null;
  }
  const chosenType = typeOf(inCurrency.find((p) => TYPE_RANK(typeOf(p)) === bestRank)!);
  return { prices: inCurrency.filter((p) => typeOf(p) === chosenType), chosenType };
}

/** One price: its quantity (LOWER_BOUND) and amount in minor units (× PRICE_FACTOR); null (an error reported) when unreadable. */
function readPrice(price: XmlElement, read: PriceRead): { bound: number; minor: number; text: string } | null {
  const { dialect, context, report, productPath } = read;
  const decimals = currencyDecimals(context.currency);
  const amountElement = child(price, 'PRICE_AMOUNT');
  const amount = parseDecimal(textOf(amountElement));
  if (!amountElement || !amount) {
    report('error', amountElement ?? `${productPath}/${dialect.priceDetails}/${dialect.price}/PRICE_AMOUNT`, textOf(amountElement), 'an amount such as 12.50', amountElement ? `"${textOf(amountElement)}" is not an amount` : 'the price has no PRICE_AMOUNT');
    return null;
  }
  if (amount.comma) report('warning', amountElement, amount.text, 'a decimal point (12.50)', 'the amount is written with a decimal comma; it was read as a decimal');
  const factorElement = child(price, 'PRICE_FACTOR');
  const factor = factorElement ? parseDecimal(textOf(factorElement)) : null;
  if (factorElement && !factor) {
    report('error', factorElement, textOf(factorElement), 'a factor such as 0.9', `"${textOf(factorElement)}" is not a number`);
    return null;
  }
  const boundElement = child(price, 'LOWER_BOUND');
  const bound = boundElement ? wholeNumber(textOf(boundElement)) : 1;
  if (bound === null || bound < 1) {
    report('error', boundElement!, textOf(boundElement), 'a whole quantity of 1 or more', `"${textOf(boundElement)}" is not a whole quantity`);
    return null;
  }
  const minor = toMinorUnits(amount, factor, decimals);
  if (!minor) {
    report('error', amountElement, amount.text, `an amount in ${context.currency}`, 'the amount is too large');
    return null;
  }
  if (minor.rounded) report('warning', amountElement, amount.text, `at most ${decimals} decimals`, `${amount.text}${factor ? ` × ${factor.text}` : ''} has more decimals than ${context.currency}; it was rounded to ${formatMinor(minor.minor, context.currency)}`);
  return { bound, minor: minor.minor, text: amount.text };
}

/** The lowest quantity's price is the list price, the others quantity breaks; a break that does not lower the price is a warning. */
function toChosenPrices(byBound: Map<number, number>, read: PriceRead): ChosenPrices {
  const { dialect, context, report, productPath } = read;
  const bounds = [...byBound.keys()].sort((a, b) => a - b);
  const fromQuantity = bounds[0]!;
  const priceMinor = byBound.get(fromQuantity)!;
  const tiers = bounds.slice(1).map((minQty) => ({ minQty, priceMinor: byBound.get(minQty)! }));
  let previous = priceMinor;
  for (const tier of tiers) {
    if (tier.priceMinor >= previous) report('warning', `${productPath}/${dialect.priceDetails}`, formatMinor(tier.priceMinor, context.currency), null, `the price from ${tier.minQty} units (${formatMinor(tier.priceMinor, context.currency)}) is not lower than the price for fewer units (${formatMinor(previous, context.currency)})`);
    previous = tier.priceMinor;
  }
  return { priceMinor, tiers, fromQuantity };
}

/**
 * The list price and quantity breaks of a product from its price blocks: the block valid now
 * (else the next one to start, else the last one to end, with a warning), the prices in the
 * catalog's currency, of the best price type (see TYPE_RANK). LOWER_BOUND gives the quantity
 * breaks; PRICE_FACTOR multiplies the amount; amounts with more decimals than the currency
 * are rounded half-up with a warning. Returns null when no usable price exists (an error is
 * reported then).
 */
export function choosePrices(product: XmlElement, dialect: BmecatDialect, context: PriceContext, report: Report, productPath: string): ChosenPrices | null {
  const read: PriceRead = { dialect, context, report, productPath };
  const blocks = childrenNamed(product, dialect.priceDetails).map((element) => ({ element, validity: priceValidity(element) }));
  const prices = chooseBlocks(blocks, context.now, report).flatMap((block) => childrenNamed(block, dialect.price));
  const missingPath = `${productPath}/${dialect.priceDetails}/${dialect.price}/PRICE_AMOUNT`;
  if (prices.length === 0) {
    report('error', missingPath, null, `a ${dialect.price} with a PRICE_AMOUNT in ${context.currency}`, 'the product has no price');
    return null;
  }
  const best = pricesOfBestType(prices, read);
  if (!best) return null;
  const byBound = new Map<number, number>();
  let failed = false;
  for (const price of best.prices) {
    const one = readPrice(price, read);
    if (!one) {
      failed = true;
      continue;
    }
    const earlier = byBound.get(one.bound);
    if (earlier === undefined) byBound.set(one.bound, one.minor);
    else if (earlier !== one.minor) report('warning', price, one.text, 'one price per quantity', `there are several ${best.chosenType || 'prices'} from ${plural(one.bound, 'unit')} (e.g. for different territories); the first, ${formatMinor(earlier, context.currency)}, is used`);
  }
  if (failed || byBound.size === 0) return null;
  return toChosenPrices(byBound, read);
}
