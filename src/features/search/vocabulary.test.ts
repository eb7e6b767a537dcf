import { expect, test } from 'vitest';
import { Vocabulary, editDistance } from './vocabulary.ts';
import { planMatch } from './fts-match.ts';
import { EVERY_FIELD, fieldBit, fieldsHoldingAll } from './fts-fields.ts';
import { compactCode, queryWords } from './normalize-text.ts';

const vocab = Vocabulary.of([
  { term: 'screwdriver', docs: 40 }, { term: 'screwdrivers', docs: 3 }, { term: 'cordless', docs: 12 }, { term: 'countersunk', docs: 200 },
  { term: 'a100', docs: 1 }, { term: 'a101', docs: 1 }, { term: 'bolt', docs: 9 }, { term: 'bolts', docs: 30 },
]);

test('edit distance counts a swap of neighbours as one edit', () => {
  expect(editDistance('screwdirver', 'screwdriver', 2)).toBe(1);
  expect(editDistance('cordles', 'cordless', 2)).toBe(1);
  expect(editDistance('scrwdirver', 'screwdriver', 2)).toBe(2);
  expect(editDistance('abc', 'xyz', 1)).toBe(2); // cut off above the limit
});

test('one typo per word is corrected, most frequent first', () => {
  expect(vocab.corrections('screwdirver')).toEqual(['screwdriver']);
  expect(vocab.corrections('coutnersunk')).toEqual(['countersunk']);
  expect(vocab.corrections('scrwdirver')).toEqual([]);
});

test('codes and short words are never corrected', () => {
  expect(vocab.corrections('a102')).toEqual([]);
  expect(vocab.corrections('blot')).toEqual([]);
});

test('a word that begins an indexed word is taken as typed', () => {
  const plan = planMatch(['cordl', 'screwdirver'], vocab)!;
  expect(plan.exact).toBe('"cordl"* AND "screwdirver"*');
  expect(plan.tolerant).toBe('"cordl"* AND ("screwdirver"* OR "screwdriver")');
  expect(plan.corrections).toEqual([{ word: 'screwdirver', replacements: ['screwdriver'] }]);
});

test('a word no longer word begins is searched whole, where the word list may say so', () => {
  const whole = (word: string) => vocab.isOnlyTermStartingWith(word);
  expect(planMatch(['bolts', 'cordless'], vocab, whole)!.exact).toBe('"bolts" AND "cordless"');
  expect(planMatch(['bolt', 'cordl'], vocab, whole)!.exact).toBe('"bolt"* AND "cordl"*');
  expect(planMatch(['bolts', 'cordless'], vocab)!.exact).toBe('"bolts"* AND "cordless"*');
});

test('what a buyer types cannot become FTS5 syntax', () => {
  const plan = planMatch(queryWords('NEAR( "x" OR y* -z'), vocab)!;
  expect(plan.exact).toBe('"near"* AND "x" AND "or"* AND "y" AND "z"');
});

test('codes lose their separators and case', () => {
  expect(['A-100', 'a100', 'a 100', 'A.100', 'Ä-100'].map(compactCode)).toEqual(['a100', 'a100', 'a100', 'a100', 'a100']);
});

test('codes are known as terms and prefixes without being words', () => {
  expect(vocab.has('a100')).toBe(true);
  expect(vocab.hasPrefix('a10')).toBe(true);
  expect(vocab.size).toBe(8);
  expect(vocab.farCorrections('a1000')).toEqual([]);
});

test('the fields of a word, or of every word a prefix begins, are told when the list has them', () => {
  const name = fieldBit('name');
  const category = fieldBit('category_path');
  const description = fieldBit('description');
  const withFields = Vocabulary.of([
    { term: 'work', docs: 90, fields: description }, { term: 'workshop', docs: 12, fields: category },
    { term: 'bracket', docs: 40, fields: name | description }, { term: 'mounting', docs: 30, fields: category | description },
  ]);
  expect(withFields.fieldsHolding('work', false)).toBe(description);
  expect(withFields.fieldsHolding('work', true)).toBe(description | category);
  expect(withFields.fieldsHolding('works', true)).toBe(category); // "workshop" alone
  expect(withFields.fieldsHolding('worx', true)).toBe(0); // no term: in no field
  expect(withFields.fieldsHolding('wor', false)).toBe(0);
  // Two words can share a field only where each is: "bracket mounting" in the description alone.
  const plan = (text: string) => planMatch(queryWords(text), withFields, (w) => withFields.isOnlyTermStartingWith(w))!;
  expect(fieldsHoldingAll(plan('bracket mounting'), withFields)).toBe(description);
  expect(fieldsHoldingAll(plan('work'), withFields)).toBe(description | category);
  expect(fieldsHoldingAll(plan('mounting worx'), withFields)).toBe(0);
  // A correction's fields count as the word's: "mountnig" asks for "mounting".
  expect(fieldsHoldingAll(plan('bracket mountnig'), withFields)).toBe(description);
  // A list read without fields knows none.
  expect(vocab.fieldsHolding('bolt', false)).toBeNull();
  expect(fieldsHoldingAll(plan('bracket'), vocab)).toBe(EVERY_FIELD);
});
