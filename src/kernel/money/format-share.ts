import { currencyDecimals } from './currency-marks.ts';

const EXTRA = 2; // a share of a pack's price can be less than a cent: two more places than the currency has
const formats = new Map<string, Intl.NumberFormat>();

/**
 * One of `count` equal shares of an amount, for people to read: the price per piece of a pack
 * (1159 EUR cents for 100 pieces → "€0.1159"). Worked out in integers (hundredths of a minor
 * unit, half up) and handed to Intl as a decimal string, never through a float.
 */
export function formatMoneyShare(minor: number, count: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || !Number.isSafeInteger(count) || count < 1) throw new RangeError(`cannot share ${minor} in ${count}`);
  const decimals = currencyDecimals(currency);
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals + EXTRA });
    formats.set(currency, format);
  }
  const scaled = BigInt(minor) * 10n ** BigInt(EXTRA);
  const share = (scaled * 2n + BigInt(count)) / (2n * BigInt(count)); // half up, in hundredths of a minor unit
  const negative = share < 0n;
  const digits = (negative ? -share : share).toString().padStart(decimals + EXTRA + 1, '0');
  const cut = digits.length - decimals - EXTRA;
  const text = `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return format.format(text as Intl.StringNumericLiteral);
}
