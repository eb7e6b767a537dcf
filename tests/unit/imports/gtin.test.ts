import { describe, expect, test } from 'vitest';
import { checkGtin, gtinCheckDigit } from '#features/ingest/checks/gtin.ts';

describe('checkGtin', () => {
  test.each([
    ['GTIN-8', '96385074'], ['GTIN-12 (UPC-A)', '036000291452'], ['GTIN-13 (EAN-13)', '4006381333931'],
    ['GTIN-14', '10012345678902'], ['EAN-13 with spaces', '4 006381 333931'], ['EAN-13 with hyphens', '400-6381-333931'],
  ])('accepts a %s', (_label, value) => {
    expect(checkGtin(value)).toEqual({ ok: true, gtin: value.replace(/[\s-]/g, '') });
  });

  test.each([
    ['4006381333932', 'has the check digit 2, but 1 is correct'],
    ['40063813339', 'has 11 digits'],
    ['4006381A33931', 'contains characters other than digits'],
    ['4.00638E+12', 'scientific notation'],
  ])('refuses %j: %s', (value, reason) => {
    const result = checkGtin(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(reason);
  });

  test('check digits', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('9638507')).toBe(4);
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });
});
