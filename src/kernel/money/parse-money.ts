import { currenciesOfMark, currencyDecimals } from './currency-marks.ts';

export type MoneyResult =
  | { ok: true; minor: number }
  | { ok: false; value: string; expected: string; message: string };

const SPACES = /[\s\u00a0\u2007\u202f]+/g;
// A group separator between digits: space, no-break space or the Swiss apostrophe (1'234.50).
const DIGIT_GROUP_MARK = /(?<=\d)[ '’](?=\d)/g;

/**
 * Longer text is refused before it is taken apart: the pattern that splits off currency marks
 * backtracks in proportion to the square of a cell's length (64 KB of "1' ' ' …" in a damaged
 * file took 5 s, four times that for twice the length), and no price written out is this long
 * ("EUR 1.234.567.890,12" is 20).
 */
const MAX_PRICE_CHARACTERS = 64;
/** A cell quoted in a message: a damaged file's megabyte-long cell is shown by its start. */
const SHOWN_CHARACTERS = 40;

function shownValue(value: string): string {
  const trimmed = value.trim();
  return trimmed.length <= SHOWN_CHARACTERS ? trimmed : `${trimmed.slice(0, SHOWN_CHARACTERS)}…`;
}

function expectedFor(currency: string): string {
  const decimals = currencyDecimals(currency);
  const example = decimals === 0 ? '1250' : `12.${'5'.padEnd(decimals, '0')}`;
  return `an amount in ${currency} such as ${example}`;
}

/** Splits off a currency mark before and/or after the number ("€ 12,50", "12.50 EUR", "$3"). */
function splitMarks(text: string): { number: string; marks: string[] } {
  const match = /^([^\d.,]*?)\s*([\d.,][\d.,' ’]*?)\s*([^\d.,]*)$/.exec(text);
  if (!match) return { number: text, marks: [] };
  const marks = [match[1] ?? '', match[3] ?? ''].map((m) => m.trim()).filter((m) => m !== '');
  return { number: match[2] ?? '', marks };
}

function groupsValid(integer: string, separator: string): boolean {
  const groups = integer.split(separator);
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
}

/**
 * Where the decimal separator is, as an index into `text`, or -1 for a whole number.
 * Rules: with both "." and "," the last one is the decimal separator ("1.234,56", "1,234.56");
 * one separator used several times is a thousands separator ("1.234.567").
 * AMBIGUITY RULE: a single separator followed by exactly 3 digits ("1,234", "1.234") is a
 * thousands separator (1234), except when the whole part is 0 ("0,500") or the currency itself
 * has 3 decimals (KWD, BHD…), where it is the decimal separator.
 */
function decimalIndex(text: string, decimals: number): number {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return Math.max(lastDot, lastComma);
  const at = Math.max(lastDot, lastComma);
  if (at < 0) return -1;
  const separator = text[at]!;
  if (text.indexOf(separator) !== at) return -1;
  const whole = text.slice(0, at);
  const isThousands = text.length - at - 1 === 3 && decimals !== 3 && /[1-9]/.test(whole);
  return isThousands ? -1 : at;
}

/**
 * Parses a price as written by a supplier into integer minor units of `currency` (an ISO 4217
 * code) without floating-point arithmetic: "1.234,56" EUR → 123456, "¥1,200" JPY → 1200.
 * Accepts a currency code or symbol before or after the number if it fits the currency,
 * spaces or apostrophes between thousands, and "12,-" for 12.00. Decimals beyond the
 * currency's are accepted only when they are zeros ("12.5000" → 1250).
 */
export function parseMoney(input: string, currency: string): MoneyResult {
  const decimals = currencyDecimals(currency);
  const value = input;
  const fail = (reason: string): MoneyResult => ({ ok: false, value, expected: expectedFor(currency), message: `"${shownValue(value)}" is not a valid price: ${reason}.` });
  const text = input.replace(SPACES, ' ').trim().replace(/([.,])-{1,2}$/, '');
  if (text === '') return fail('it is empty');
  if (text.length > MAX_PRICE_CHARACTERS) return fail(`it is ${text.length} characters long, more than a price has (at most ${MAX_PRICE_CHARACTERS})`);
  if (/^[-−(]|[-−)]$/.test(text.replace(/[^\d.,\-−()]/g, ''))) return fail('a price cannot be negative');
  const { number, marks } = splitMarks(text);
  for (const mark of marks) {
    const meant = currenciesOfMark(mark);
    if (meant === undefined) return fail(`"${mark}" is not part of a number`);
    if (!meant.includes(currency)) return fail(`it is in ${meant.length === 1 ? meant[0] : mark}, but this catalog's prices are in ${currency}`);
  }
  const digits = number.replace(DIGIT_GROUP_MARK, '');
  if (!/^[\d.,]*\d[\d.,]*$/.test(digits)) return fail('it is not a number');
  const at = decimalIndex(digits, decimals);
  const integerText = at < 0 ? digits : digits.slice(0, at);
  const fraction = at < 0 ? '' : digits.slice(at + 1);
  if (!/^\d*$/.test(fraction)) return fail('it has more than one decimal separator');
  const groupSeparator = /[.,]/.exec(integerText)?.[0];
  if (groupSeparator !== undefined && !groupsValid(integerText, groupSeparator)) return fail('its thousands separators are misplaced');
  const integer = integerText.replace(/[.,]/g, '') || '0';
  if (fraction.length > decimals && /[1-9]/.test(fraction.slice(decimals))) {
    return fail(decimals === 0 ? `${currency} has no decimals` : `${currency} has only ${decimals} decimals`);
  }
  const minorText = (integer + fraction.slice(0, decimals).padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  if (minorText.length > 15) return fail('it is too large');
  return { ok: true, minor: Number(minorText) };
}

/** Minor units as a plain decimal for messages: 123456 EUR → "1234.56". */
export function formatMinor(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  if (decimals === 0) return String(minor);
  const text = String(minor).padStart(decimals + 1, '0');
  return `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}
