/** A decimal number as exact integer digits and a scale: "12.345" → { digits: 12345n, scale: 3 }. */
export interface Decimal { digits: bigint; scale: number; text: string }

const DECIMAL = /^\+?(\d*)(?:\.(\d*))?$/;

/**
 * Reads an XML Schema decimal ("1499.5", "0.0297", "12") without floating point. A decimal
 * comma ("12,50") is accepted as well, since some generators write one; `comma` tells the
 * caller so it can warn. Anything else (thousands separators, exponents, signs) is refused.
 */
export function parseDecimal(input: string): (Decimal & { comma: boolean }) | null {
  const text = input.trim();
  const comma = /^\+?\d+,\d+$/.test(text);
  const match = DECIMAL.exec(comma ? text.replace(',', '.') : text);
  if (!match) return null;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null;
  return { digits: BigInt((whole || '0') + fraction), scale: fraction.length, text, comma };
}

/** A whole number ≥ 0 written as a decimal ("10", "10.0"), or null for "2.5" or text. */
export function wholeNumber(input: string): number | null {
  const parsed = parseDecimal(input);
  if (!parsed) return null;
  const unit = 10n ** BigInt(parsed.scale);
  if (parsed.digits % unit !== 0n) return null;
  const value = parsed.digits / unit;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

/**
 * amount × factor in minor units of a currency with `decimals` decimals, rounded half-up to
 * the nearest minor unit; `rounded` says whether anything was lost (e.g. 0.0297 EUR → 3 cents).
 * null when the result is not a safe integer.
 */
export function toMinorUnits(amount: Decimal, factor: Decimal | null, decimals: number): { minor: number; rounded: boolean } | null {
  let digits = amount.digits;
  let scale = amount.scale;
  if (factor) {
    digits *= factor.digits;
    scale += factor.scale;
  }
  // value = digits / 10^scale; minor = value × 10^decimals
  let minor: bigint;
  let rounded = false;
  if (scale <= decimals) {
    minor = digits * 10n ** BigInt(decimals - scale);
  } else {
    const divisor = 10n ** BigInt(scale - decimals);
    const remainder = digits % divisor;
    minor = digits / divisor + (remainder * 2n >= divisor ? 1n : 0n);
    rounded = remainder !== 0n;
  }
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? { minor: Number(minor), rounded } : null;
}
