import { describe, expect, test } from 'vitest';
import { buildCategoryTree, rulesFromSelection, selectionFromRules, type NewCategories } from '#features/visibility/category-tree.ts';
import { isItemVisible } from '#features/pricing/visibility.ts';
import type { CatalogRules } from '#features/views/canonical-rules.ts';

// The demo indoor catalog's shape: two top-level categories, three levels deep.
const counts = [
  { path: 'Indoor > Battens > Linear', count: 78 },
  { path: 'Indoor > Downlights > Adjustable', count: 83 },
  { path: 'Indoor > Downlights > Fixed', count: 101 },
  { path: 'Indoor > Panels > Recessed', count: 71 },
  { path: 'Lamps > LED bulbs > E27', count: 93 },
  { path: 'Lamps > LED tubes > T8', count: 73 },
  { path: 'Lamps', count: 2 },
  { path: '', count: 4 },
];
const tree = buildCategoryTree(counts);
const paths = tree.nodes.map((n) => n.path);

/** Whether an item filed directly in `path` shows under `rules` (the pricing module decides). */
function shows(rules: Omit<CatalogRules, 'catalogId'>, path: string): boolean {
  return isItemVisible({ catalogId: 1, sku: 'X', categoryPath: path }, { viewId: 1, validFrom: null, validUntil: null, rules: { catalogs: [{ catalogId: 1, ...rules }] } }, new Date());
}

/** What sales expects from the boxes: a category shows when it and every parent are checked. */
function expectedShown(checked: ReadonlySet<string>, path: string): boolean {
  const levels = path.split(' > ');
  return levels.every((_, i) => checked.has(levels.slice(0, i + 1).join(' > ')));
}

describe('the category tree of a revision', () => {
  test('holds every level with direct and total counts, drawn depth-first by name', () => {
    expect(paths).toEqual([
      'Indoor', 'Indoor > Battens', 'Indoor > Battens > Linear', 'Indoor > Downlights', 'Indoor > Downlights > Adjustable', 'Indoor > Downlights > Fixed',
      'Indoor > Panels', 'Indoor > Panels > Recessed', 'Lamps', 'Lamps > LED bulbs', 'Lamps > LED bulbs > E27', 'Lamps > LED tubes', 'Lamps > LED tubes > T8',
    ]);
    const lamps = tree.nodes.find((n) => n.path === 'Lamps')!;
    expect(lamps).toMatchObject({ depth: 1, directCount: 2, totalCount: 168, hasChildren: true, parentPath: null });
    expect(tree.nodes.find((n) => n.path === 'Indoor > Downlights')).toMatchObject({ totalCount: 184, directCount: 0, parentPath: 'Indoor', name: 'Downlights' });
    expect(tree.uncategorized).toBe(4);
  });
});

describe('checkboxes to rules and back', () => {
  test('unchecking one subcategory hides exactly its subtree with one exclude', () => {
    const checked = new Set(paths.filter((p) => !p.startsWith('Lamps > LED tubes')));
    const result = rulesFromSelection(tree, { checked, newCategories: 'shown' }, { catalogId: 1 });
    expect(result).toEqual({ includeCategories: [], excludeCategories: ['Lamps > LED tubes'], notes: [] });
  });

  test('an unchecked parent hides its subtree even when boxes below it stay checked (no JavaScript to clear them)', () => {
    const checked = new Set(paths.filter((p) => p !== 'Indoor'));
    const result = rulesFromSelection(tree, { checked, newCategories: 'shown' }, { catalogId: 1 });
    expect(result.excludeCategories).toEqual(['Indoor']);
    expect(shows(result, 'Indoor > Downlights > Fixed')).toBe(false);
    expect(shows(result, 'Lamps > LED bulbs > E27')).toBe(true);
  });

  test('"keep new categories hidden" includes the checked top-level categories, so a new one stays hidden', () => {
    const checked = new Set(paths.filter((p) => p.startsWith('Indoor') && !p.startsWith('Indoor > Panels')));
    const result = rulesFromSelection(tree, { checked, newCategories: 'hidden' }, { catalogId: 1 });
    expect(result.includeCategories).toEqual(['Indoor']);
    expect(result.excludeCategories).toEqual(['Indoor > Panels']);
    expect(shows(result, 'Garden > Lights')).toBe(false);
    expect(shows(result, 'Indoor > Spots')).toBe(true);
    expect(shows(result, '')).toBe(false);
    expect(result.notes.join(' ')).toContain('4 items have no category');
  });

  test('"show new categories" shows a category the supplier adds later', () => {
    const result = rulesFromSelection(tree, { checked: new Set(paths.filter((p) => p !== 'Lamps')), newCategories: 'shown' }, { catalogId: 1 });
    expect(shows(result, 'Garden > Lights')).toBe(true);
    expect(shows(result, 'Lamps > LED bulbs > E27')).toBe(false);
  });

  test('nothing checked with new categories hidden still shows nothing of the current tree', () => {
    const result = rulesFromSelection(tree, { checked: new Set(), newCategories: 'hidden' }, { catalogId: 1 });
    for (const p of paths) expect(shows(result, p)).toBe(false);
    expect(result.notes.join(' ')).toContain('No category is checked');
  });

  test('rules naming categories gone from the tree are kept where they cannot narrow the catalog', () => {
    const current = { catalogId: 1, includeCategories: ['Outdoor'], excludeCategories: ['Indoor > Spots'] };
    const shown = rulesFromSelection(tree, { checked: new Set(paths), newCategories: 'shown' }, current);
    expect(shown).toMatchObject({ includeCategories: [], excludeCategories: ['Indoor > Spots'] });
    const hidden = rulesFromSelection(tree, { checked: new Set(paths), newCategories: 'hidden' }, current);
    expect(hidden.includeCategories).toEqual(['Indoor', 'Lamps', 'Outdoor']);
  });

  test('the boxes drawn for a view’s rules give back the same rules when saved unchanged', () => {
    const cases: Array<{ rules: CatalogRules; mode: NewCategories }> = [
      { rules: { catalogId: 1 }, mode: 'shown' },
      { rules: { catalogId: 1, excludeCategories: ['Lamps > LED tubes'] }, mode: 'shown' },
      { rules: { catalogId: 1, includeCategories: ['Lamps'], excludeCategories: ['Lamps > LED tubes'] }, mode: 'hidden' },
    ];
    for (const { rules, mode } of cases) {
      const selection = selectionFromRules(tree, rules);
      expect(selection.newCategories).toBe(mode);
      const result = rulesFromSelection(tree, selection, rules);
      expect(result.includeCategories).toEqual(rules.includeCategories ?? []);
      expect(result.excludeCategories).toEqual(rules.excludeCategories ?? []);
    }
  });

  test('for any boxes, the pricing module shows exactly the categories whose box and parents are checked', () => {
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    for (let round = 0; round < 300; round++) {
      const checked = new Set(paths.filter(() => random() < 0.7));
      for (const mode of ['shown', 'hidden'] as const) {
        const result = rulesFromSelection(tree, { checked, newCategories: mode }, { catalogId: 1 });
        for (const p of paths) expect(shows(result, p), `${mode} ${[...checked].join('|')} → ${p}`).toBe(expectedShown(checked, p));
        // Drawn again, the boxes show what is visible (a hidden parent's children are drawn unchecked).
        const again = selectionFromRules(tree, { catalogId: 1, ...result });
        for (const p of paths) if (expectedShown(checked, p)) expect(again.checked.has(p)).toBe(true);
      }
    }
  });
});
