import { describe, expect, test } from 'vitest';
import { listUnitPrice, tierAt } from '#features/pricing/tiers.ts';

const tiers = [{ minQty: 50, priceMinor: 800 }, { minQty: 10, priceMinor: 900 }];

describe('supplier tiers', () => {
  test.each([
    [1, 1_000], [9, 1_000], [10, 900], [11, 900], [49, 900], [50, 800], [10_000, 800],
  ])('at quantity %s the list unit price is %s', (quantity, price) => {
    expect(listUnitPrice(1_000, tiers, quantity)).toBe(price);
  });

  test('the order tiers come in does not matter', () => {
    expect(listUnitPrice(1_000, [...tiers].reverse(), 50)).toBe(800);
    expect(tierAt([...tiers].reverse(), 12)).toEqual({ minQty: 10, priceMinor: 900 });
  });

  test('no tiers: the base price', () => {
    expect(listUnitPrice(1_000, [], 500)).toBe(1_000);
    expect(tierAt([], 500)).toBeUndefined();
  });

  test('a tier from 1 unit replaces the base price', () => {
    expect(listUnitPrice(1_000, [{ minQty: 1, priceMinor: 950 }], 1)).toBe(950);
  });

  test.each([[0], [-1], [1.5], [Number.NaN]])('refuses quantity %s', (quantity) => {
    expect(() => listUnitPrice(1_000, tiers, quantity)).toThrow(RangeError);
  });
});
