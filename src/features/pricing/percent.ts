import { PricingRuleError } from './errors.ts';

// Percentages are parsed from their shortest decimal text (what JSON stored), not by
// multiplying floats: 33.33 * 100 is 3332.9999999999995 in floating point.
const PERCENT_TEXT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/**
 * A percentage (0..100, at most 2 decimals, e.g. 12.5) as integer basis points (1250).
 * Throws PricingRuleError otherwise; `what` names the rule in the message.
 */
export function percentToBasisPoints(percent: unknown, what = 'percentage'): number {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) {
    throw new PricingRuleError(`${what}: expected a number from 0 to 100, got ${String(percent)}`);
  }
  const match = PERCENT_TEXT.exec(String(percent));
  if (!match) {
    throw new PricingRuleError(`${what}: expected 0 to 100 with at most 2 decimals, got ${String(percent)}`);
  }
  const whole = Number(match[1]);
  const decimals = (match[2] ?? '').padEnd(2, '0');
  const bp = whole * 100 + Number(decimals);
  if (bp > 10_000) {
    throw new PricingRuleError(`${what}: expected 0 to 100, got ${String(percent)}`);
  }
  return bp;
}

/** Basis points as people write the percentage: 1250 → "12.5", 1200 → "12", 3333 → "33.33". */
export function formatBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}
