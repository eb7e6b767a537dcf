export type GtinResult = { ok: true; gtin: string } | { ok: false; message: string };

export const GTIN_EXPECTED = 'a GTIN/EAN of 8, 12, 13 or 14 digits with a valid check digit';

/** The GS1 check digit for the digits before it: weights 3,1,3,… from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Checks a GTIN-8/12/13/14 (EAN-8, UPC-A, EAN-13, GTIN-14) written with or without spaces or
 * hyphens. Returns the digits, or a sentence saying what is wrong.
 */
export function checkGtin(value: string): GtinResult {
  const text = value.trim();
  if (/^\d+([.,]\d+)?e\+?\d+$/i.test(text)) {
    return { ok: false, message: `"${text}" was turned into scientific notation (by Excel, usually), which loses digits; format the column as text and export again` };
  }
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, message: `"${text}" contains characters other than digits` };
  if (![8, 12, 13, 14].includes(digits.length)) return { ok: false, message: `"${text}" has ${digits.length} digits` };
  const expected = gtinCheckDigit(digits.slice(0, -1));
  if (Number(digits.slice(-1)) !== expected) return { ok: false, message: `"${text}" has the check digit ${digits.slice(-1)}, but ${expected} is correct for the digits before it (a typing error?)` };
  return { ok: true, gtin: digits };
}
