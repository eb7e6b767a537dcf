import { describe, expect, test } from 'vitest';
import { currencyDecimals } from '#kernel/money/currency-marks.ts';
import { formatMinor, parseMoney } from '#kernel/money/parse-money.ts';

describe('parseMoney', () => {
  test.each([
    ['1234.56', 'EUR', 123456], ['1,234.56', 'EUR', 123456], ['1.234,56', 'EUR', 123456], ['1234,56', 'EUR', 123456],
    ['1 234,56', 'EUR', 123456], ['1\u00a0234,56', 'EUR', 123456], ['€ 12,50', 'EUR', 1250], ['12.50 EUR', 'EUR', 1250],
    ['12,5 €', 'EUR', 1250], ['$3', 'USD', 300], ['US$ 4.00', 'USD', 400], ["1'234.50", 'CHF', 123450], ['CHF 9.90', 'CHF', 990],
    ['1.234.567,89', 'EUR', 123456789], ['0,99', 'EUR', 99], ['.5', 'EUR', 50], ['12', 'EUR', 1200], ['0', 'EUR', 0],
    ['12,-', 'EUR', 1200], ['12.5000', 'EUR', 1250], ['  7.10 ', 'EUR', 710],
    // the documented ambiguity rule: one separator followed by exactly 3 digits groups thousands…
    ['1,234', 'EUR', 123400], ['1.234', 'EUR', 123400], ['12.345', 'EUR', 1234500],
    // …except after a lone zero, or in a currency that has 3 decimals
    ['0,500', 'EUR', 50], ['1.234', 'KWD', 1234], ['1,234.567', 'BHD', 1234567],
    // currencies without decimals
    ['¥1,200', 'JPY', 1200], ['1 234 567', 'JPY', 1234567], ['1500', 'KRW', 1500],
  ])('%j in %s → %i minor units', (input, currency, minor) => {
    expect(parseMoney(input, currency)).toEqual({ ok: true, minor });
  });

  test.each([
    ['', 'EUR', 'it is empty'],
    ['   ', 'EUR', 'it is empty'],
    ['-5', 'EUR', 'a price cannot be negative'],
    ['(5.00)', 'EUR', 'a price cannot be negative'],
    ['€ -3', 'EUR', 'a price cannot be negative'],
    ['abc', 'EUR', 'it is not a number'],
    ['on request', 'EUR', 'it is not a number'],
    ['12.3456', 'EUR', 'EUR has only 2 decimals'],
    ['1.5', 'JPY', 'JPY has no decimals'],
    ['12.50 USD', 'EUR', "it is in USD, but this catalog's prices are in EUR"],
    ['£12', 'EUR', "it is in GBP, but this catalog's prices are in EUR"],
    ['12 Stück', 'EUR', '"Stück" is not part of a number'],
    ['1,23,456', 'EUR', 'its thousands separators are misplaced'],
    ['1.2.3', 'EUR', 'its thousands separators are misplaced'],
    ['1e5', 'EUR', 'it is not a number'],
    ['9'.repeat(16), 'EUR', 'it is too large'],
  ])('%j in %s is refused: %s', (input, currency, reason) => {
    const result = parseMoney(input, currency);
    expect(result).toEqual({ ok: false, value: input, expected: expect.stringContaining(`an amount in ${currency}`), message: `"${input.trim()}" is not a valid price: ${reason}.` });
  });

  test('a cell longer than any price is refused at once, quoted by its start', () => {
    // Before the length was checked first, quadratic backtracking kept this cell past the test's time limit.
    const damaged = '1' + "' ".repeat(100_000) + 'a1';
    expect(parseMoney(damaged, 'EUR')).toMatchObject({ ok: false, value: damaged, message: `"${damaged.slice(0, 40)}…" is not a valid price: it is 200003 characters long, more than a price has (at most 64).` });
    expect(parseMoney('EUR 1.234.567.890,12', 'EUR')).toEqual({ ok: true, minor: 123456789012 });
  });

  test('the expected value is phrased for the currency', () => {
    const expected = (currency: string) => { const r = parseMoney('x', currency); return r.ok ? '' : r.expected; };
    expect(expected('EUR')).toBe('an amount in EUR such as 12.50');
    expect(expected('JPY')).toBe('an amount in JPY such as 1250');
    expect(expected('KWD')).toBe('an amount in KWD such as 12.500');
  });
});

describe('currencyDecimals and formatMinor', () => {
  test('follow ISO 4217', () => {
    expect([currencyDecimals('EUR'), currencyDecimals('JPY'), currencyDecimals('KWD'), currencyDecimals('CLF')]).toEqual([2, 0, 3, 4]);
    expect(() => currencyDecimals('euro')).toThrow(TypeError);
    expect([formatMinor(123456, 'EUR'), formatMinor(5, 'EUR'), formatMinor(1200, 'JPY'), formatMinor(1234, 'KWD')]).toEqual(['1234.56', '0.05', '1200', '1.234']);
  });
});
