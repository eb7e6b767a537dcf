import { PricingRuleError } from '#features/pricing/errors.ts';
import { percentToBasisPoints } from '#features/pricing/percent.ts';

export type PercentInput = { ok: true; percentOff: number | undefined } | { ok: false; message: string };

/**
 * A percentage as sales types it ("12", "12.5", "12,5", "12 %"); empty means "no rule".
 * Checked with the pricing module's own rule (0 to 100, at most 2 decimals).
 */
export function parsePercentInput(text: string, what: string): PercentInput {
  const trimmed = text.replace(/%/g, '').trim().replace(',', '.');
  if (trimmed === '') return { ok: true, percentOff: undefined };
  const fail = { ok: false as const, message: `${what}: “${text.trim()}” is not a percentage; enter a number from 0 to 100 with at most 2 decimals, such as 12.5.` };
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return fail;
  try {
    return { ok: true, percentOff: percentToBasisPoints(Number(trimmed)) / 100 };
  } catch (error) {
    if (error instanceof PricingRuleError) return fail;
    throw error;
  }
}
