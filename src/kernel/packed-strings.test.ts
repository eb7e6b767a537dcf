import { expect, test } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { PackedStrings, PIECE_ROWS } from './packed-strings.ts';

test('each value comes back as it went in, empty ones, separators and characters past U+FFFF included', () => {
  const values = ['A-100', '', ' m6 din933 ', 'with\u0000nul', 'a\nb', 'Ω😀x', ''];
  const packed = PackedStrings.of(values);
  expect(packed.size).toBe(values.length);
  expect(Array.from({ length: packed.size }, (_, i) => packed.at(i))).toEqual(values);
});

test('the pieces and offsets survive a file and make the same strings again', () => {
  const packed = PackedStrings.of(['x1', 'yy2', 'zzz3']);
  const back = deserialize(serialize({ pieces: packed.pieces(), starts: packed.starts })) as { pieces: string[]; starts: Uint32Array };
  const again = new PackedStrings(back.pieces, back.starts);
  expect([again.at(0), again.at(1), again.at(2)]).toEqual(['x1', 'yy2', 'zzz3']);
});

test('a long list comes apart into pieces of PIECE_ROWS values and back, with or without separators', () => {
  const values = Array.from({ length: PIECE_ROWS * 2 + 5 }, (_, i) => (i % 7 === 0 ? '' : `sku-${i}${i % 11 === 0 ? 'Ω' : ''}`));
  const packed = PackedStrings.of(values);
  const pieces = packed.pieces();
  expect(pieces).toHaveLength(3);
  const again = new PackedStrings(pieces, packed.starts);
  expect(Array.from({ length: again.size }, (_, i) => again.at(i))).toEqual(values);
  // Each value of a piece's edge stays whole: the last of the first piece, the first of the second.
  expect([again.at(PIECE_ROWS - 1), again.at(PIECE_ROWS)]).toEqual([values[PIECE_ROWS - 1], values[PIECE_ROWS]]);

  const joined = values.filter(Boolean).join('\n');
  const split = PackedStrings.split(joined, '\n');
  const back = new PackedStrings(split.pieces(), split.starts, 1);
  expect(back.pieces()).toEqual(split.pieces());
  expect(Array.from({ length: back.size }, (_, i) => back.at(i))).toEqual(values.filter(Boolean));
});

test('pieces that do not hold what the offsets say are refused', () => {
  const packed = PackedStrings.of(Array.from({ length: PIECE_ROWS + 1 }, (_, i) => `v${i}`));
  const [first, second] = packed.pieces();
  expect(() => new PackedStrings([first!.slice(1), second!], packed.starts)).toThrow(/offsets/);
  expect(() => new PackedStrings([first!], packed.starts)).toThrow(/offsets/);
  expect(() => new PackedStrings([first!, second!, ''], packed.starts)).toThrow(/offsets/);
});

test('offsets that do not end where the text does are refused', () => {
  expect(() => new PackedStrings('abc', Uint32Array.from([0, 2]))).toThrow(/offsets/);
  expect(PackedStrings.of([]).size).toBe(0);
});

test('a text joined by a separator is kept as it came and gives back each value', () => {
  const split = PackedStrings.split('bolt\nbolts\n\nhex', '\n');
  expect(Array.from({ length: split.size }, (_, i) => split.at(i))).toEqual(['bolt', 'bolts', '', 'hex']);
  expect(split.pieces()).toEqual(['bolt\nbolts\n\nhex']);
  expect(PackedStrings.split('', '\n').size).toBe(0);
  expect(PackedStrings.split('one', '\n').at(0)).toBe('one');
});

test('the values holding a needle are found in one search, also across pieces, never straddling two values', () => {
  const values = Array.from({ length: PIECE_ROWS + 50 }, (_, i) => (i % 1000 === 7 ? ` x9 m${i} ` : ` m${i} `));
  values.push('ab', 'cd', '');
  const packed = PackedStrings.of(values);
  const expected = values.map((v) => (v.includes(' x9 ') ? 1 : 0));
  expect([...packed.markContaining(' x9 ')]).toEqual(expected);
  const again = new PackedStrings(packed.pieces(), packed.starts);
  expect([...again.markContaining(' x9 ')]).toEqual(expected);
  // "ab" + "cd" hold "bc" only across the two values: neither holds it.
  expect([...again.markContaining('bc')].some(Boolean)).toBe(false);
  expect(again.markContaining('cd')[values.length - 2]).toBe(1);
  // With separators kept, a match reaching into the separator does not count.
  const split = PackedStrings.split('bolt\nbolts\nnut', '\n');
  expect([...split.markContaining('bolt')]).toEqual([1, 1, 0]);
  expect([...split.markContaining('t\nb')]).toEqual([0, 0, 0]);
});
