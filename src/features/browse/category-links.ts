import { slugify } from '#kernel/slugify.ts';
import { buildCategoryTree, type CategoryNode, type CategoryTree } from '#features/visibility/category-tree.ts';

/** A category of the buyer's tree with the URL segments that lead to it. */
export interface LinkedCategory extends CategoryNode { segments: string[] }

export interface LinkedCategoryTree {
  /** Depth-first, siblings by name (see views/category-tree.ts). */
  nodes: LinkedCategory[];
  uncategorized: number;
  byPath: ReadonlyMap<string, LinkedCategory>;
  bySegments: ReadonlyMap<string, LinkedCategory>;
}

// Names of catalog sub-pages: a top-level category that slugs to one of them gets a suffix.
const RESERVED_TOP_LEVEL = new Set(['print']);

/**
 * URL segments for every category: one slug per level ("Screws > Wood screws" →
 * ["screws", "wood-screws"]). Siblings whose names slug alike get "-2", "-3"… in tree order,
 * so every category has exactly one address within the buyer's tree.
 */
export function linkCategoryTree(tree: CategoryTree): LinkedCategoryTree {
  const byPath = new Map<string, LinkedCategory>();
  const bySegments = new Map<string, LinkedCategory>();
  const used = new Map<string | null, Set<string>>();
  const nodes = tree.nodes.map((node) => {
    const parent = node.parentPath === null ? null : byPath.get(node.parentPath)!;
    const taken = used.get(node.parentPath) ?? new Set(parent ? [] : RESERVED_TOP_LEVEL);
    used.set(node.parentPath, taken);
    const base = slugify(node.name);
    let segment = base;
    for (let n = 2; taken.has(segment); n++) segment = `${base}-${n}`;
    taken.add(segment);
    const linked: LinkedCategory = { ...node, segments: [...(parent?.segments ?? []), segment] };
    byPath.set(node.path, linked);
    bySegments.set(linked.segments.join('/'), linked);
    return linked;
  });
  return { nodes, uncategorized: tree.uncategorized, byPath, bySegments };
}

export function linkedCategoryTree(counts: ReadonlyArray<{ path: string; count: number }>): LinkedCategoryTree {
  return linkCategoryTree(buildCategoryTree(counts));
}

/** The category a URL's rest segments name, or null; empty segments name the catalog itself. */
export function categoryOfSegments(tree: LinkedCategoryTree, rest: string | undefined): LinkedCategory | null {
  const key = (rest ?? '').split('/').filter((s) => s !== '').join('/');
  return tree.bySegments.get(key) ?? null;
}

/** The categories directly below `parentPath` (null: the top level). */
export function childrenOf(tree: LinkedCategoryTree, parentPath: string | null): LinkedCategory[] {
  return tree.nodes.filter((n) => n.parentPath === parentPath);
}

/** The category and its ancestors, top first, for a breadcrumb. */
export function trailOf(tree: LinkedCategoryTree, node: LinkedCategory): LinkedCategory[] {
  const trail: LinkedCategory[] = [];
  for (let at: LinkedCategory | undefined = node; at; at = at.parentPath === null ? undefined : tree.byPath.get(at.parentPath)) trail.unshift(at);
  return trail;
}

/** The buyer's items in a category and below it, or in the whole catalog (null): from the tree's counts, no query. */
export function itemCountOf(tree: LinkedCategoryTree, category: LinkedCategory | null): number {
  return category ? category.totalCount : tree.nodes.reduce((n, c) => n + (c.depth === 1 ? c.totalCount : 0), tree.uncategorized);
}
