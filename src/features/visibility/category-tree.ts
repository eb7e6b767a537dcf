import { categoryAncestors, CATEGORY_SEPARATOR, normalizeCategoryPath } from '#features/pricing/category-path.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { plural, pluralForm } from '#kernel/plural.ts';

type CatalogRules = ViewRules['catalogs'][number];

export interface CategoryNode {
  /** Normalized path, e.g. "Indoor > Downlights". */
  path: string;
  /** The last level, e.g. "Downlights". */
  name: string;
  /** 1 for a top-level category. */
  depth: number;
  parentPath: string | null;
  /** Items filed directly in this category. */
  directCount: number;
  /** Items in this category and all below it. */
  totalCount: number;
  hasChildren: boolean;
}

export interface CategoryTree {
  /** Depth-first, siblings by name: the order the tree is drawn in. */
  nodes: CategoryNode[];
  /** Items without a category: category rules cannot name them. */
  uncategorized: number;
}

/** The category tree of a revision from its item counts per category path (parents are implied). */
export function buildCategoryTree(counts: ReadonlyArray<{ path: string; count: number }>): CategoryTree {
  const byPath = new Map<string, CategoryNode>();
  let uncategorized = 0;
  for (const { path: raw, count } of counts) {
    const path = normalizeCategoryPath(raw);
    if (path === '') { uncategorized += count; continue; }
    for (const ancestor of categoryAncestors(path)) {
      let node = byPath.get(ancestor);
      if (!node) {
        const levels = ancestor.split(CATEGORY_SEPARATOR);
        node = {
          path: ancestor, name: levels[levels.length - 1]!, depth: levels.length,
          parentPath: levels.length > 1 ? levels.slice(0, -1).join(CATEGORY_SEPARATOR) : null,
          directCount: 0, totalCount: 0, hasChildren: false,
        };
        byPath.set(ancestor, node);
      }
      node.totalCount += count;
      if (ancestor === path) node.directCount += count;
    }
  }
  const children = new Map<string | null, CategoryNode[]>();
  for (const node of byPath.values()) {
    if (node.parentPath !== null) byPath.get(node.parentPath)!.hasChildren = true;
    children.set(node.parentPath, [...(children.get(node.parentPath) ?? []), node]);
  }
  const nodes: CategoryNode[] = [];
  const visit = (parent: string | null) => {
    for (const node of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      nodes.push(node);
      visit(node.path);
    }
  };
  visit(null);
  return { nodes, uncategorized };
}

/** What a new top-level category the supplier adds later does: appears, or stays hidden until sales shows it. */
export type NewCategories = 'shown' | 'hidden';

export interface CategorySelection {
  /** Categories whose box is checked. A category shows when it and all its parents are checked. */
  checked: Set<string>;
  newCategories: NewCategories;
}

function categoryVisible(path: string, include: ReadonlySet<string>, exclude: ReadonlySet<string>): boolean {
  const ancestors = categoryAncestors(path);
  if (ancestors.some((p) => exclude.has(p))) return false;
  return include.size === 0 || ancestors.some((p) => include.has(p));
}

/**
 * The checkboxes for a catalog's current rules. A category is checked when its items show, or
 * when something below it shows and it is not itself hidden (so the tree can reach it).
 */
export function selectionFromRules(tree: CategoryTree, rules: CatalogRules): CategorySelection {
  const include = new Set(rules.includeCategories ?? []);
  const exclude = new Set(rules.excludeCategories ?? []);
  const visible = new Set(tree.nodes.filter((n) => categoryVisible(n.path, include, exclude)).map((n) => n.path));
  const checked = new Set(visible);
  for (const path of visible) {
    for (const ancestor of categoryAncestors(path)) {
      if (!categoryAncestors(ancestor).some((p) => exclude.has(p))) checked.add(ancestor);
    }
  }
  return { checked, newCategories: include.size > 0 ? 'hidden' : 'shown' };
}

export interface CategoryRulesResult {
  includeCategories: string[];
  excludeCategories: string[];
  /** Consequences sales should read, e.g. that uncategorized items are hidden. */
  notes: string[];
}

/**
 * The fewest include/exclude rules that show exactly the checked categories (a category shows
 * when it and all its parents are checked). "Shown" uses excludes only, so any category the
 * supplier adds later appears; "hidden" includes the checked top-level categories, so a new
 * top-level category stays hidden. Rules naming categories that are not in the tree (they
 * disappeared from the live revision) are kept where harmless, so they apply again if the
 * category comes back; sales removes them from "needs attention".
 */
export function rulesFromSelection(tree: CategoryTree, selection: CategorySelection, current: CatalogRules): CategoryRulesResult {
  const inTree = new Set(tree.nodes.map((n) => n.path));
  const shown = new Set<string>();
  for (const node of tree.nodes) {
    const parentShown = node.parentPath === null || shown.has(node.parentPath);
    if (parentShown && selection.checked.has(node.path)) shown.add(node.path);
  }
  // The topmost unchecked categories under shown parents: hiding them hides their subtrees.
  const hiddenRoots = tree.nodes.filter((n) => !shown.has(n.path) && (n.parentPath === null || shown.has(n.parentPath)));
  const notes: string[] = [];
  const staleExcludes = (current.excludeCategories ?? []).filter((p) => !inTree.has(p));
  if (selection.newCategories === 'shown') {
    return { includeCategories: [], excludeCategories: [...hiddenRoots.map((n) => n.path), ...staleExcludes], notes };
  }
  const includes = tree.nodes.filter((n) => n.depth === 1 && shown.has(n.path)).map((n) => n.path);
  const staleIncludes = (current.includeCategories ?? []).filter((p) => !inTree.has(p));
  if (includes.length === 0 && staleIncludes.length === 0) {
    // An empty include list means "the whole catalog", so nothing checked is said with excludes.
    notes.push('No category is checked: only SKUs you show one by one (and items without a category) appear from this catalog.');
    return { includeCategories: [], excludeCategories: [...hiddenRoots.map((n) => n.path), ...staleExcludes], notes };
  }
  if (tree.uncategorized > 0) notes.push(`${plural(tree.uncategorized, 'item')} ${pluralForm(tree.uncategorized, 'has', 'have')} no category and stay hidden unless shown by SKU.`);
  return {
    includeCategories: [...includes, ...staleIncludes],
    excludeCategories: [...hiddenRoots.filter((n) => n.depth > 1).map((n) => n.path), ...staleExcludes],
    notes,
  };
}
