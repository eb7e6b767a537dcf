import { describe, expect, test } from 'vitest';
import { naturalSortKey } from '#kernel/natural-sort-key.ts';

const sorted = (names: string[]) => [...names].sort((a, b) => (naturalSortKey(a) < naturalSortKey(b) ? -1 : naturalSortKey(a) > naturalSortKey(b) ? 1 : 0));

describe('natural sort key', () => {
  test('numbers sort by value, text by letters, case and accents aside', () => {
    expect(sorted(['M10 x 100 mm', 'M10 x 12 mm', 'M3 x 16 mm', 'm4 x 8 mm'])).toEqual(['M3 x 16 mm', 'm4 x 8 mm', 'M10 x 12 mm', 'M10 x 100 mm']);
    expect(sorted(['AF-10', 'af-9', 'AF-009a', 'Écrou 2', 'ecrou 10'])).toEqual(['af-9', 'AF-009a', 'AF-10', 'Écrou 2', 'ecrou 10']);
  });

  test('leading zeros do not change a number, and the key keeps the words readable', () => {
    expect(naturalSortKey('M010')).toBe(naturalSortKey('m10'));
    expect(naturalSortKey('Screw M3 x 12')).toBe('screw m013 x 0212');
  });
});
