import { describe, expect, test } from 'vitest';
import { categoryAncestors, normalizeCategoryPath } from '#features/pricing/category-path.ts';

describe('category paths', () => {
  test('ancestors, deepest first', () => {
    expect(categoryAncestors('Tools > Drills > Cordless')).toEqual(['Tools > Drills > Cordless', 'Tools > Drills', 'Tools']);
    expect(categoryAncestors('Tools')).toEqual(['Tools']);
    expect(categoryAncestors('')).toEqual([]);
  });

  test('levels are trimmed and empty levels dropped; case is kept', () => {
    expect(normalizeCategoryPath(' Tools>Drills >  > Cordless ')).toBe('Tools > Drills > Cordless');
    expect(normalizeCategoryPath('tools > DRILLS')).toBe('tools > DRILLS');
    expect(categoryAncestors('Tools>Drills')).toEqual(['Tools > Drills', 'Tools']);
  });
});
