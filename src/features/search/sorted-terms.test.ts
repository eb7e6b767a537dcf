import { expect, test } from 'vitest';
import { SortedTerms } from './sorted-terms.ts';

test('packed terms answer membership and prefixes like a sorted list', () => {
  const terms = SortedTerms.of(['m6', 'bolt', 'a100', 'bolts', 'a1001', 'washer']);
  expect(terms.size).toBe(6);
  for (const t of ['m6', 'bolt', 'a100', 'bolts', 'a1001', 'washer']) expect(terms.has(t)).toBe(true);
  expect(terms.has('bol')).toBe(false);
  expect(terms.has('washers')).toBe(false);
  expect(terms.hasPrefix('bol')).toBe(true);
  expect(terms.hasPrefix('a1000')).toBe(false);
  expect(terms.hasPrefix('wash')).toBe(true);
  expect(terms.hasPrefix('z')).toBe(false);
});

test('no terms know nothing', () => {
  const none = SortedTerms.ofJoined('');
  expect(none.size).toBe(0);
  expect(none.has('')).toBe(false);
  expect(none.hasPrefix('a')).toBe(false);
});

test('a term no other term begins is told apart from one that begins others', () => {
  const terms = SortedTerms.of(['bolt', 'bolts', 'hex', 'm6', 'washer']);
  expect(terms.isOnlyOneStartingWith('hex')).toBe(true);
  expect(terms.isOnlyOneStartingWith('washer')).toBe(true); // the last term
  expect(terms.isOnlyOneStartingWith('bolts')).toBe(true);
  expect(terms.isOnlyOneStartingWith('bolt')).toBe(false);
  expect(terms.isOnlyOneStartingWith('he')).toBe(false); // not a term itself
  expect(SortedTerms.ofJoined('').isOnlyOneStartingWith('a')).toBe(false);
});

test('a term is found at its place in the order, and a prefix as the block of terms it begins', () => {
  const terms = SortedTerms.of(['bolt', 'bolts', 'hex', 'm6', 'washer', 'bolted']);
  expect(['bolt', 'bolted', 'bolts', 'hex', 'm6', 'washer'].map((t) => terms.indexOf(t))).toEqual([0, 1, 2, 3, 4, 5]);
  expect(terms.indexOf('bol')).toBe(-1);
  expect(terms.indexOf('zinc')).toBe(-1);
  expect(terms.rangeStartingWith('bolt')).toEqual({ from: 0, to: 3 });
  expect(terms.rangeStartingWith('bolts')).toEqual({ from: 2, to: 3 });
  expect(terms.rangeStartingWith('w')).toEqual({ from: 5, to: 6 }); // the last term
  expect(terms.rangeStartingWith('c')).toEqual({ from: 3, to: 3 }); // none: empty where it would be
  expect(terms.rangeStartingWith('zz')).toEqual({ from: 6, to: 6 });
});
