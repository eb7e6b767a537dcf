import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { BrowseContext } from './browse-context.server.ts';
import { LruCache } from '#kernel/lru.ts';
import { onePerObject } from '#kernel/one-per-object.ts';
import { categoryAncestors } from '#features/pricing/category-path.ts';
import { isVisible } from '#features/pricing/visibility.ts';
import { isInForce } from '#features/pricing/validity.ts';

type Counts = ReadonlyArray<{ path: string; count: number }>;

// Items per category of a revision. A validated revision never changes, so its counts are
// computed once per process and database: grouping 100,000 items takes longer than a page may
// (bench/catalog-page.ts).
const countsOf = onePerObject((_: Db) => new LruCache<Counts>({ maxEntries: 200, maxSize: 2_000_000, sizeOf: (rows) => rows.length + 1 }));

async function countsOfRevision(db: Db, revisionId: number): Promise<Counts> {
  const revisionCounts = countsOf(db);
  const known = revisionCounts.get(String(revisionId));
  if (known) return known;
  const rows = await db.all<{ path: string; count: number }>(sql`SELECT category_path AS path, count(*) AS count FROM items WHERE revision_id = ${revisionId} GROUP BY category_path ORDER BY category_path`);
  revisionCounts.set(String(revisionId), rows);
  return rows;
}

/**
 * Category paths of a catalog with the number of items the buyer sees directly in each: the
 * revision's counts, filtered by the views' category rules, then corrected for the SKUs the
 * views show or hide one by one (looked up by SKU). The same numbers as counting the visible
 * items (tests/integration/browse/category-counts.test.ts compares them), without reading
 * every item on each page.
 */
export async function visibleCategoryCounts(db: Db, ctx: BrowseContext, catalogId: number): Promise<Array<{ path: string; count: number }>> {
  const revisionId = ctx.liveRevisions.get(catalogId);
  if (revisionId === undefined) return [];
  const rules = ctx.compiled.views.filter((v) => isInForce(v.validity, ctx.nowMs)).flatMap((v) => {
    const r = v.catalogs.get(catalogId);
    return r ? [r] : [];
  });
  if (rules.length === 0) return [];
  // Visible by its category alone (as an item whose SKU no rule names).
  const byCategory = (path: string) => {
    const ancestors = categoryAncestors(path);
    return rules.some((r) => !ancestors.some((a) => r.excludeCategories.has(a)) && (r.includeCategories.size === 0 || ancestors.some((a) => r.includeCategories.has(a))));
  };
  const counts = new Map((await countsOfRevision(db, revisionId)).map((r) => [r.path, byCategory(r.path) ? r.count : 0]));
  const named = [...new Set(rules.flatMap((r) => [...r.includeSkus, ...r.excludeSkus]))];
  for (let at = 0; at < named.length; at += 500) {
    const chunk = named.slice(at, at + 500);
    const rows = await db.all<{ sku: string; path: string }>(sql`SELECT sku, category_path AS path FROM items WHERE revision_id = ${revisionId} AND sku IN (${sql.join(chunk.map((s) => sql`${s}`), sql`, `)})`);
    for (const row of rows) {
      const shown = isVisible(ctx.compiled, { catalogId, sku: row.sku, categoryPath: row.path }, new Date(ctx.nowMs));
      const counted = byCategory(row.path);
      if (shown !== counted) counts.set(row.path, (counts.get(row.path) ?? 0) + (shown ? 1 : -1));
    }
  }
  return [...counts].filter(([, count]) => count > 0).map(([path, count]) => ({ path, count }));
}
