import { expect, test } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { PackedStrings } from './packed-strings.ts';

test('each value comes back as it went in, empty ones, separators and characters past U+FFFF included', () => {
  const values = ['A-100', '', ' m6 din933 ', 'with\u0000nul', 'a\nb', 'Ω😀x', ''];
  const packed = PackedStrings.of(values);
  expect(packed.size).toBe(values.length);
  expect(Array.from({ length: packed.size }, (_, i) => packed.at(i))).toEqual(values);
});

test('the text and offsets survive a file and make the same strings again', () => {
  const packed = PackedStrings.of(['x1', 'yy2', 'zzz3']);
  const back = deserialize(serialize({ text: packed.text, starts: packed.starts })) as { text: string; starts: Uint32Array };
  const again = new PackedStrings(back.text, back.starts);
  expect([again.at(0), again.at(1), again.at(2)]).toEqual(['x1', 'yy2', 'zzz3']);
});

test('offsets that do not end where the text does are refused', () => {
  expect(() => new PackedStrings('abc', Uint32Array.from([0, 2]))).toThrow(/offsets/);
  expect(PackedStrings.of([]).size).toBe(0);
});

test('a text joined by a separator is kept as it came and gives back each value', () => {
  const split = PackedStrings.split('bolt\nbolts\n\nhex', '\n');
  expect(Array.from({ length: split.size }, (_, i) => split.at(i))).toEqual(['bolt', 'bolts', '', 'hex']);
  expect(split.text).toBe('bolt\nbolts\n\nhex');
  expect(PackedStrings.split('', '\n').size).toBe(0);
  expect(PackedStrings.split('one', '\n').at(0)).toBe('one');
});
