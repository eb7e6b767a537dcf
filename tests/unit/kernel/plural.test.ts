import { describe, expect, test } from 'vitest';
import { plural, pluralForm } from '#kernel/plural.ts';

describe('plural', () => {
  test('one and other, with the count in English digits', () => {
    expect(plural(1, 'problem')).toBe('1 problem');
    expect(plural(0, 'problem')).toBe('0 problems');
    expect(plural(3, 'rule')).toBe('3 rules');
    expect(plural(1234, 'item')).toBe('1,234 items');
    expect(plural(2, 'quantity', 'quantities')).toBe('2 quantities');
    expect(plural(1, 'address', 'addresses')).toBe('1 address');
  });

  test('the form alone, for a verb agreeing with a count or a noun without it', () => {
    expect(pluralForm(1, 'is', 'are')).toBe('is');
    expect(pluralForm(0, 'is', 'are')).toBe('are');
    expect(pluralForm(2, 'needs', 'need')).toBe('need');
    expect(pluralForm(1, 'line')).toBe('line');
    expect(pluralForm(5, 'line')).toBe('lines');
  });
});
