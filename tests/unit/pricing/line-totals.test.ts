import { describe, expect, test } from 'vitest';
import { CurrencyMismatchError } from '#kernel/money/currency-mismatch-error.ts';
import { lineTotal, sumLineTotals } from '#kernel/money/line-totals.ts';

describe('lineTotal', () => {
  test('unit price times quantity, in minor units', () => {
    expect(lineTotal(8_750, 3)).toBe(26_250);
    expect(lineTotal(0, 1_000)).toBe(0);
    expect(lineTotal(1_999, 0)).toBe(0);
  });

  test('up to the largest safe integer, and not one cent beyond', () => {
    expect(lineTotal(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
    expect(lineTotal(3, 3_002_399_751_580_330)).toBe(9_007_199_254_740_990);
    expect(() => lineTotal(2, 4_503_599_627_370_496)).toThrow(/too large/); // exactly 2^53
    expect(() => lineTotal(1_000_000_000, 10_000_000)).toThrow(RangeError);
  });

  test('refuses fractions and negatives', () => {
    expect(() => lineTotal(10.5, 2)).toThrow(RangeError);
    expect(() => lineTotal(-1, 2)).toThrow(RangeError);
    expect(() => lineTotal(100, 1.5)).toThrow(RangeError);
    expect(() => lineTotal(100, -2)).toThrow(RangeError);
  });
});

describe('sumLineTotals', () => {
  test('adds lines of one currency', () => {
    expect(sumLineTotals([{ amountMinor: 1_000, currency: 'EUR' }, { amountMinor: 250, currency: 'EUR' }]))
      .toEqual({ amountMinor: 1_250, currency: 'EUR' });
  });

  test('no lines: no total (there is no currency to give it)', () => {
    expect(sumLineTotals([])).toBeNull();
  });

  test('refuses to mix currencies, wherever the odd line is', () => {
    const eur = { amountMinor: 100, currency: 'EUR' };
    const usd = { amountMinor: 100, currency: 'USD' };
    expect(() => sumLineTotals([eur, usd])).toThrow(CurrencyMismatchError);
    expect(() => sumLineTotals([eur, eur, usd, eur])).toThrow(/cannot add USD to EUR/);
    expect(() => sumLineTotals([eur, { amountMinor: 100, currency: 'eur' }])).toThrow(CurrencyMismatchError);
  });

  test('refuses a sum past the largest safe integer, and bad lines', () => {
    const big = { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'EUR' };
    expect(() => sumLineTotals([big, { amountMinor: 1, currency: 'EUR' }])).toThrow(/too large/);
    expect(() => sumLineTotals([{ amountMinor: 1.5, currency: 'EUR' }])).toThrow(RangeError);
  });
});
