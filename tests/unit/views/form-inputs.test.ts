import { describe, expect, test } from 'vitest';
import { parsePercentInput } from '#features/views/percent-input.ts';
import { describeValidity, firstDayOf, lastDayOf, validityFromInput } from '#features/views/validity-input.ts';
import { parseFixedPriceForm } from '#features/views/fixed-price-input.ts';
import { compileViews } from '#features/pricing/compile-views.ts';

describe('percentages as sales types them', () => {
  test('accepts dots, commas, a percent sign and empty (no rule)', () => {
    expect(parsePercentInput('12', 'x')).toEqual({ ok: true, percentOff: 12 });
    expect(parsePercentInput(' 12,5 % ', 'x')).toEqual({ ok: true, percentOff: 12.5 });
    expect(parsePercentInput('33.33', 'x')).toEqual({ ok: true, percentOff: 33.33 });
    expect(parsePercentInput('', 'x')).toEqual({ ok: true, percentOff: undefined });
  });

  test('refuses what the pricing module would refuse, naming the field', () => {
    for (const bad of ['101', '12.345', 'abc', '-5', '1e2']) {
      const result = parsePercentInput(bad, 'Indoor > Downlights');
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Indoor > Downlights: “.*” is not a percentage/);
    }
  });
});

describe('validity dates', () => {
  test('the last day is inclusive: stored until is the next midnight UTC, and the pricing module agrees', () => {
    const input = validityFromInput('2027-01-01', '2027-12-31');
    expect(input).toEqual({ ok: true, validFrom: '2027-01-01', validUntil: '2028-01-01' });
    if (!input.ok) return;
    expect(() => compileViews([{ viewId: 1, rules: { catalogs: [] }, validFrom: input.validFrom, validUntil: input.validUntil }])).not.toThrow();
    expect(lastDayOf(input.validUntil)).toBe('2027-12-31');
    expect(firstDayOf(input.validFrom)).toBe('2027-01-01');
    expect(describeValidity(input.validFrom, input.validUntil)).toBe('2027-01-01 to 2027-12-31');
    expect(describeValidity(null, null)).toBe('always');
  });

  test('a one-day view and open ends', () => {
    expect(validityFromInput('2027-03-01', '2027-03-01')).toEqual({ ok: true, validFrom: '2027-03-01', validUntil: '2027-03-02' });
    expect(validityFromInput('', '2027-02-28')).toEqual({ ok: true, validFrom: null, validUntil: '2027-03-01' });
    expect(validityFromInput('', '')).toEqual({ ok: true, validFrom: null, validUntil: null });
  });

  test('refuses impossible dates and a last day before the first, beside the right field', () => {
    expect(validityFromInput('2027-02-30', '')).toMatchObject({ ok: false, field: 'firstDay' });
    expect(validityFromInput('', '31.12.2027')).toMatchObject({ ok: false, field: 'lastDay' });
    expect(validityFromInput('2027-05-01', '2027-04-30')).toEqual({ ok: false, field: 'lastDay', message: 'The last day is before the first day.' });
  });
});

describe('the fixed-price form', () => {
  const tiers = (...pairs: Array<[string, string]>) => pairs.map(([minQty, price]) => ({ minQty, price }));

  test('reads prices with the import money reader in the catalog currency, quantity breaks optional', () => {
    expect(parseFixedPriceForm({ sku: ' AF-1 ', price: '1.234,50', tiers: tiers(['', ''], ['10', '11,00'], ['50', '€ 10']) }, 'EUR'))
      .toEqual({ ok: true, fixed: { sku: 'AF-1', priceMinor: 123450, tiers: [{ minQty: 10, priceMinor: 1100 }, { minQty: 50, priceMinor: 1000 }] } });
    expect(parseFixedPriceForm({ sku: 'J-1', price: '1,200', tiers: [] }, 'JPY')).toEqual({ ok: true, fixed: { sku: 'J-1', priceMinor: 1200 } });
  });

  test('says which field is wrong', () => {
    expect(parseFixedPriceForm({ sku: '', price: '1', tiers: [] }, 'EUR')).toMatchObject({ ok: false, field: 'sku' });
    expect(parseFixedPriceForm({ sku: 'A', price: '12 USD', tiers: [] }, 'EUR')).toMatchObject({ ok: false, field: 'price' });
    expect(parseFixedPriceForm({ sku: 'A', price: '1', tiers: tiers(['1', '0.5']) }, 'EUR')).toMatchObject({ ok: false, field: 'tier1' });
    expect(parseFixedPriceForm({ sku: 'A', price: '1', tiers: tiers(['10', '0.5'], ['10', '0.4']) }, 'EUR')).toMatchObject({ ok: false, field: 'tier2', message: 'Quantity break 2: there is already a price from 10 units.' });
    expect(parseFixedPriceForm({ sku: 'A', price: '1', tiers: tiers(['10', '']) }, 'EUR')).toMatchObject({ ok: false, field: 'tier1' });
  });
});
