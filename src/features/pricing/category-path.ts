/** Category paths are levels joined with " > ", e.g. "Tools > Drills > Cordless". */
export const CATEGORY_SEPARATOR = ' > ';

function levels(path: string): string[] {
  return path.split('>').map((level) => level.trim()).filter((level) => level !== '');
}

/**
 * The canonical form of a path: levels trimmed, empty levels dropped ("Tools>Drills " →
 * "Tools > Drills"), so a rule typed by sales matches the path a supplier uploaded.
 * Matching is otherwise exact and case-sensitive.
 */
export function normalizeCategoryPath(path: string): string {
  return levels(path).join(CATEGORY_SEPARATOR);
}

/**
 * Every ancestor path of `path`, itself included, DEEPEST FIRST:
 * "Tools > Drills > Cordless" → ["Tools > Drills > Cordless", "Tools > Drills", "Tools"].
 * A rule on any of these applies to the item; looking them up in this order finds the
 * most specific rule first. Level-wise, so a rule on "Tool" never matches "Tools".
 */
export function categoryAncestors(path: string): string[] {
  const parts = levels(path);
  const out: string[] = [];
  for (let depth = parts.length; depth > 0; depth--) {
    out.push(parts.slice(0, depth).join(CATEGORY_SEPARATOR));
  }
  return out;
}
