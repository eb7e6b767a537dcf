import { describe, expect, test } from 'vitest';
import { PricingRuleError } from '#features/pricing/errors.ts';
import { formatBasisPoints, percentToBasisPoints } from '#features/pricing/percent.ts';

describe('percentToBasisPoints', () => {
  test.each([
    [0, 0], [100, 10_000], [12, 1_200], [12.5, 1_250], [33.33, 3_333], [0.01, 1], [99.99, 9_999], [0.1, 10],
  ])('%s%% is %s basis points', (percent, bp) => {
    expect(percentToBasisPoints(percent)).toBe(bp);
  });

  test.each([
    [-1], [-0.01], [100.01], [101], [12.345], [0.001], [1e-7], [1e21], [Number.NaN], [Number.POSITIVE_INFINITY],
  ])('refuses %s', (percent) => {
    expect(() => percentToBasisPoints(percent)).toThrow(PricingRuleError);
  });

  test('refuses what is not a number, naming the rule', () => {
    expect(() => percentToBasisPoints('12', 'catalog 3: percentOff')).toThrow(/catalog 3: percentOff/);
    expect(() => percentToBasisPoints(null)).toThrow(PricingRuleError);
  });
});

describe('formatBasisPoints', () => {
  test.each([
    [0, '0'], [10_000, '100'], [1_200, '12'], [1_250, '12.5'], [3_333, '33.33'], [5, '0.05'], [10, '0.1'], [1_205, '12.05'],
  ])('%s bp reads "%s"', (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });
});
