import { describe, expect, test } from 'vitest';
import { applyBasisPointsOff } from '#features/pricing/rounding.ts';

// Reference: exact rational arithmetic in BigInt, half-up.
function reference(price: number, bp: number): number {
  const product = BigInt(price) * BigInt(10_000 - bp);
  return Number((product * 2n + 10_000n) / 20_000n);
}

describe('applyBasisPointsOff (half-up to the minor unit)', () => {
  test('0% leaves the price unchanged, 100% makes it free', () => {
    expect(applyBasisPointsOff(12_345, 0)).toBe(12_345);
    expect(applyBasisPointsOff(12_345, 10_000)).toBe(0);
    expect(applyBasisPointsOff(0, 1_250)).toBe(0);
  });

  test('exactly half a cent rounds up', () => {
    expect(applyBasisPointsOff(1, 5_000)).toBe(1); // 0.5
    expect(applyBasisPointsOff(3, 5_000)).toBe(2); // 1.5
    expect(applyBasisPointsOff(5, 5_000)).toBe(3); // 2.5 (half-even would give 2)
    expect(applyBasisPointsOff(1_004, 1_250)).toBe(879); // 878.5
    expect(applyBasisPointsOff(5_000, 1)).toBe(5_000); // 4999.5
  });

  test('just under half a cent rounds down', () => {
    expect(applyBasisPointsOff(999, 1_250)).toBe(874); // 874.125
    expect(applyBasisPointsOff(5_001, 1)).toBe(5_000); // 5000.4999
    expect(applyBasisPointsOff(150, 3_333)).toBe(100); // 100.005 → 100 (only the 3rd decimal is 5)
  });

  test('33.33% off', () => {
    expect(applyBasisPointsOff(100, 3_333)).toBe(67); // 66.67
    expect(applyBasisPointsOff(1, 3_333)).toBe(1); // 0.6667
    expect(applyBasisPointsOff(10_000, 3_333)).toBe(6_667);
    expect(applyBasisPointsOff(29_999, 3_333)).toBe(20_000); // 20000.3333
  });

  test('prices near the largest safe integer stay exact', () => {
    const max = Number.MAX_SAFE_INTEGER; // 9007199254740991
    expect(applyBasisPointsOff(max, 0)).toBe(max);
    expect(applyBasisPointsOff(max, 10_000)).toBe(0);
    expect(applyBasisPointsOff(max, 5_000)).toBe(4_503_599_627_370_496); // ...495.5 rounds up
    expect(applyBasisPointsOff(max, 1_250)).toBe(7_881_299_347_898_367); // ...367.125
    expect(applyBasisPointsOff(max, 1)).toBe(9_006_298_534_815_517); // ...516.9009
  });

  test('agrees with exact arithmetic on both sides of the BigInt switch', () => {
    const edge = Math.floor(Number.MAX_SAFE_INTEGER / 8_750);
    for (const price of [edge - 1, edge, edge + 1, edge + 2, 1, 2, 99, 12_345_678]) {
      for (const bp of [0, 1, 1_250, 3_333, 5_000, 6_667, 9_999, 10_000]) {
        expect(applyBasisPointsOff(price, bp), `${price} at ${bp}bp`).toBe(reference(price, bp));
      }
    }
  });

  test('agrees with exact arithmetic for a sweep of prices and percentages', () => {
    const wrong: string[] = [];
    for (let price = 0; price < 2_000; price += 7) {
      for (let bp = 0; bp <= 10_000; bp += 37) {
        if (applyBasisPointsOff(price, bp) !== reference(price, bp)) wrong.push(`${price} at ${bp}bp`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('refuses non-integer or out-of-range input', () => {
    expect(() => applyBasisPointsOff(10.5, 100)).toThrow(RangeError);
    expect(() => applyBasisPointsOff(-1, 100)).toThrow(RangeError);
    expect(() => applyBasisPointsOff(Number.MAX_SAFE_INTEGER + 1, 100)).toThrow(RangeError);
    expect(() => applyBasisPointsOff(100, 12.5)).toThrow(RangeError);
    expect(() => applyBasisPointsOff(100, -1)).toThrow(RangeError);
    expect(() => applyBasisPointsOff(100, 10_001)).toThrow(RangeError);
  });
});
