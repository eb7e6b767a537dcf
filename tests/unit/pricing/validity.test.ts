import { describe, expect, test } from 'vitest';
import { PricingRuleError } from '#features/pricing/errors.ts';
import { netUnitPrice } from '#features/pricing/net-price.ts';
import { isInForce, parseValidity } from '#features/pricing/validity.ts';
import { isItemVisible } from '#features/pricing/visibility.ts';
import { item, view } from './fixtures.ts';

const from = '2027-03-01T00:00:00Z';
const until = '2027-04-01T00:00:00Z';
const dated = view({ percentOff: 10 }, { validFrom: from, validUntil: until });
const at = (iso: string) => new Date(iso);

describe('validity dates: from inclusive, until exclusive', () => {
  test.each([
    ['a moment before validFrom', '2027-02-28T23:59:59.999Z', false],
    ['exactly at validFrom', '2027-03-01T00:00:00.000Z', true],
    ['inside the window', '2027-03-15T10:00:00Z', true],
    ['a moment before validUntil', '2027-03-31T23:59:59.999Z', true],
    ['exactly at validUntil', '2027-04-01T00:00:00.000Z', false],
    ['after validUntil', '2027-05-01T00:00:00Z', false],
  ])('%s: visible %s', (_label, now, visible) => {
    expect(isItemVisible(item(), dated, at(now))).toBe(visible);
    expect(netUnitPrice(item(), [dated], 1, at(now))?.netMinor ?? null).toBe(visible ? 9_000 : null);
  });

  test('no validFrom: in force from the beginning of time until validUntil', () => {
    const v = view({}, { validFrom: null, validUntil: until });
    expect(isItemVisible(item(), v, at('1970-01-01T00:00:00Z'))).toBe(true);
    expect(isItemVisible(item(), v, at(until))).toBe(false);
  });

  test('no validUntil: in force forever from validFrom', () => {
    const v = view({}, { validFrom: from, validUntil: null });
    expect(isItemVisible(item(), v, at('2027-02-28T00:00:00Z'))).toBe(false);
    expect(isItemVisible(item(), v, at('2999-01-01T00:00:00Z'))).toBe(true);
  });

  test('no dates at all: always in force', () => {
    expect(isItemVisible(item(), view({}), at('2000-01-01T00:00:00Z'))).toBe(true);
  });

  test('a date without time is midnight UTC; an offset is honoured', () => {
    expect(parseValidity('2027-03-01', null).fromMs).toBe(Date.UTC(2027, 2, 1));
    const window = parseValidity('2027-03-01T00:00:00+02:00', null);
    expect(window.fromMs).toBe(Date.UTC(2027, 1, 28, 22));
    expect(isInForce(window, Date.UTC(2027, 1, 28, 21, 59))).toBe(false);
    expect(isInForce(window, Date.UTC(2027, 1, 28, 22))).toBe(true);
  });

  test.each([
    ['not a date'], ['2027-02-30'], ['2027-13-01'], ['2027-03-01T10:00:00'], ['03/01/2027'], [''],
  ])('refuses validFrom "%s"', (value) => {
    expect(() => parseValidity(value, null)).toThrow(PricingRuleError);
  });

  test('refuses a window that ends before or when it starts', () => {
    expect(() => parseValidity(until, from)).toThrow(/must be after/);
    expect(() => parseValidity(from, from)).toThrow(PricingRuleError);
  });

  test('refuses an invalid "now"', () => {
    expect(() => isItemVisible(item(), view({}), new Date('nope'))).toThrow(RangeError);
  });
});
