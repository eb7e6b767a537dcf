import { sql, type SQL } from 'drizzle-orm';
import { CATEGORY_SEPARATOR } from '#features/pricing/category-path.ts';

/**
 * Items in a category or below it, as a condition on an items alias, written as ranges so
 * SQLite reads them from the (revision, category) index. Every "path > …" lies in
 * ["path > ", "path >!") (" " sorts just before "!"), and the category itself is `path`;
 * the outer range [path, "path >!") is what the index walks, the inner test drops the other
 * paths in it, e.g. "Lamps (old)" when asking for "Lamps".
 */
export function subtreeSql(alias: string, path: string): SQL {
  const col = sql.raw(`${alias}.category_path`);
  const below = path + CATEGORY_SEPARATOR;
  const upper = path + CATEGORY_SEPARATOR.trimEnd() + '!';
  return sql`(${col} >= ${path} AND ${col} < ${upper} AND (${col} = ${path} OR ${col} >= ${below}))`;
}
