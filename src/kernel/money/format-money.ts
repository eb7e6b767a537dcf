import { currencyDecimals } from './currency-marks.ts';
import { formatMinor } from './parse-money.ts';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * An amount for people to read: 123456 EUR → "€1,234.56". The minor units go to Intl as a
 * decimal string (formatMinor), never through a float, so no cent is ever lost. Files for
 * machines (CSV, XLSX) use formatMinor or numbers instead.
 */
export function formatMoney(minor: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    const decimals = currencyDecimals(currency);
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(currency, format);
  }
  return format.format(formatMinor(minor, currency) as Intl.StringNumericLiteral);
}
