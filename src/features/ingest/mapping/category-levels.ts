/** Category paths are stored with their levels joined by " > ", e.g. "Tools > Drills". */
export const CATEGORY_SEPARATOR = ' > ';

function levelSeparator(path: string): string | undefined {
  return ['>', '|', '/'].find((s) => path.includes(s));
}

/**
 * The category paths in one cell. Several paths come one per line, or separated by commas or
 * semicolons when each starts at the same top level ("Shop/Men/Tees,Shop/Sale" as some shop
 * systems export); a comma inside a level ("Tools > Nuts, Bolts") does not split.
 */
export function splitCategoryList(value: string): string[] {
  const lines = value.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.flatMap((line) => {
    const separator = levelSeparator(line);
    const root = separator === undefined ? undefined : line.slice(0, line.indexOf(separator)).trim();
    if (!root) return [line];
    const parts = line.split(/\s*[,;]\s*/);
    return parts.every((part) => part === root || part.startsWith(root)) ? parts : [line];
  });
}

/**
 * Splits a category path as suppliers write it: levels separated by ">", "|" or "/", tried in
 * that order so that "Tools > Nuts/Bolts" keeps "Nuts/Bolts" as one level. Whitespace inside a
 * level (line breaks included) becomes single spaces; empty levels are dropped.
 */
export function splitCategoryPath(path: string): string[] {
  const separator = levelSeparator(path);
  const levels = separator === undefined ? [path] : path.split(separator);
  return levels.map((level) => level.replace(/\s+/g, ' ').trim()).filter((level) => level !== '');
}

/**
 * Joins levels into a stored path. A ">" inside a level (a per-level column, a group name) is
 * stored as "›", as the BMEcat reader does: the separator is then the only ">" in any stored
 * path, so SQL (which compares " > " ranges) and JavaScript (which splits on ">") see the same
 * levels, and a level is never read as two.
 */
export function joinCategoryLevels(levels: readonly string[]): string {
  return levels.map((level) => level.replace(/\s+/g, ' ').trim().replace(/>/g, LEVEL_GT)).filter((level) => level !== '').join(CATEGORY_SEPARATOR);
}

/** What a level's own ">" is stored as (U+203A, which reads the same). */
export const LEVEL_GT = '›';
