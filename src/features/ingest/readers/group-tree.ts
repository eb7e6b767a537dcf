import { joinCategoryLevels } from '../mapping/category-levels.ts';

export interface GroupNode {
  id: string;
  name: string;
  /** null for a top-level group. */
  parentId: string | null;
  /** BMEcat's type="root": the tree's own root, whose name (often the system's name) is not a category. */
  isRoot: boolean;
}

const MAX_DEPTH = 64;

/**
 * A catalog's group tree (BMEcat CATALOG_STRUCTURE, or a supplier's CLASSIFICATION_GROUPS) and
 * the category path of each group: the names from the top down, joined as Vitrine stores
 * category paths ("Tools > Spanners > Ring spanners"). Groups may arrive in any order; paths
 * are resolved on first use and remembered. A parent that is missing or a loop ends the path.
 */
export class GroupTree {
  private readonly groups = new Map<string, GroupNode>();
  private readonly paths = new Map<string, string>();

  get size(): number {
    return this.groups.size;
  }

  add(group: GroupNode): void {
    if (!this.groups.has(group.id)) this.groups.set(group.id, group);
  }

  has(id: string): boolean {
    return this.groups.has(id);
  }

  /** The category path of a group, or undefined when the file defines no such group. */
  pathOf(id: string): string | undefined {
    const known = this.paths.get(id);
    if (known !== undefined) return known;
    if (!this.groups.has(id)) return undefined;
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at = this.groups.get(id); at && !seen.has(at.id) && names.length < MAX_DEPTH; at = at.parentId === null ? undefined : this.groups.get(at.parentId)) {
      seen.add(at.id);
      if (!at.isRoot) names.push(at.name);
    }
    const path = joinCategoryLevels(names.reverse());
    this.paths.set(id, path);
    return path;
  }
}
