import { CurrencyMismatchError } from './currency-mismatch-error.ts';

/** An amount in integer minor units of an ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * unit × quantity in minor units. Throws RangeError on a non-integer input or when the
 * total leaves the safe-integer range (past 2^53 doubles silently lose whole cents).
 */
export function lineTotal(unitNetMinor: number, quantity: number): number {
  if (!Number.isSafeInteger(unitNetMinor) || unitNetMinor < 0) {
    throw new RangeError(`unit price must be a whole, non-negative number of minor units, got ${unitNetMinor}`);
  }
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`quantity must be a whole, non-negative number, got ${quantity}`);
  }
  const total = unitNetMinor * quantity;
  // Exact whenever the true product is safe; an unsafe true product never rounds back into range.
  if (!Number.isSafeInteger(total)) throw new RangeError(`line total ${unitNetMinor} × ${quantity} is too large`);
  return total;
}

/**
 * Sum of line totals, all in one currency; null for no lines (no currency to report).
 * Throws CurrencyMismatchError as soon as two currencies meet: there is no exchange here.
 */
export function sumLineTotals(lines: readonly Money[]): Money | null {
  const first = lines[0];
  if (first === undefined) return null;
  let amountMinor = 0;
  for (const line of lines) {
    if (line.currency !== first.currency) {
      throw new CurrencyMismatchError(`cannot add ${line.currency} to ${first.currency}`);
    }
    if (!Number.isSafeInteger(line.amountMinor) || line.amountMinor < 0) {
      throw new RangeError(`line total must be a whole, non-negative number of minor units, got ${line.amountMinor}`);
    }
    amountMinor += line.amountMinor;
    if (!Number.isSafeInteger(amountMinor)) throw new RangeError('sum of line totals is too large');
  }
  return { amountMinor, currency: first.currency };
}
