import { sql, type SQL } from 'drizzle-orm';
import type { CompiledViews, CompiledCatalogRules } from '#features/pricing/compile-views.ts';
import { isInForce } from '#features/pricing/validity.ts';
import { subtreeSql } from './subtree-sql.ts';

// Ranges rather than LIKE: case-sensitive like the pricing rules, and served by the index.
function inSubtrees(alias: string, paths: ReadonlySet<string>): SQL {
  return sql.join([...paths].map((p) => subtreeSql(alias, p)), sql` OR `);
}

function inList(alias: string, column: string, values: ReadonlySet<string>): SQL {
  return sql`${sql.raw(`${alias}.${column}`)} IN (${sql.join([...values].map((v) => sql`${v}`), sql`, `)})`;
}

/** The same rules as pricing/visibility.ts isVisibleInCatalog, as SQL over an items alias. */
function catalogRulesSql(alias: string, revisionId: number, r: CompiledCatalogRules): SQL {
  const parts: SQL[] = [sql`${sql.raw(`${alias}.revision_id`)} = ${revisionId}`];
  if (r.excludeSkus.size) parts.push(sql`NOT (${inList(alias, 'sku', r.excludeSkus)})`);
  const byCategory: SQL[] = [];
  if (r.excludeCategories.size) byCategory.push(sql`NOT (${inSubtrees(alias, r.excludeCategories)})`);
  if (r.includeCategories.size) byCategory.push(sql`(${inSubtrees(alias, r.includeCategories)})`);
  const categoryOk = byCategory.length ? sql.join(byCategory, sql` AND `) : sql`1`;
  parts.push(r.includeSkus.size ? sql`(${inList(alias, 'sku', r.includeSkus)} OR (${categoryOk}))` : sql`(${categoryOk})`);
  return sql.join(parts, sql` AND `);
}

/**
 * A WHERE condition on an items alias that holds exactly the live items the compiled views
 * show at `nowMs` (the union of every view). `liveRevisions` maps catalog id → live revision id;
 * a catalog without a live revision shows nothing. Returns `0` (nothing visible) when no view applies.
 */
export function visibilitySql(alias: string, compiled: CompiledViews, liveRevisions: ReadonlyMap<number, number>, nowMs: number, onlyCatalogId?: number): SQL {
  const clauses: SQL[] = [];
  for (const view of compiled.views) {
    if (!isInForce(view.validity, nowMs)) continue;
    for (const [catalogId, rules] of view.catalogs) {
      if (onlyCatalogId !== undefined && catalogId !== onlyCatalogId) continue;
      const live = liveRevisions.get(catalogId);
      if (live !== undefined) clauses.push(sql`(${catalogRulesSql(alias, live, rules)})`);
    }
  }
  return clauses.length ? sql`(${sql.join(clauses, sql` OR `)})` : sql`0`;
}
