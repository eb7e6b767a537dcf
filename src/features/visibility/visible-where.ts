import { sql, type SQL } from 'drizzle-orm';
import type { BrowseContext } from './browse-context.server.ts';
import { visibilitySql } from './visibility-sql.ts';
import { subtreeSql } from './subtree-sql.ts';

export type ItemSort = 'name' | 'sku' | 'price';
export interface ItemQuery { catalogId?: number; categoryPath?: string; skus?: string[]; sort?: ItemSort; page?: number; pageSize?: number }

/** The WHERE condition on an items alias `i` that holds the live items of the query the buyer may see. */
export function whereFor(ctx: BrowseContext, q: ItemQuery): SQL {
  const parts: SQL[] = [visibilitySql('i', ctx.compiled, ctx.liveRevisions, ctx.nowMs, q.catalogId)];
  // Naming the one revision lets SQLite walk the (revision, category) index instead of every view's clause.
  const live = q.catalogId === undefined ? undefined : ctx.liveRevisions.get(q.catalogId);
  if (live !== undefined) parts.push(sql`i.revision_id = ${live}`);
  if (q.categoryPath) parts.push(subtreeSql('i', q.categoryPath));
  if (q.skus) parts.push(q.skus.length ? sql`i.sku IN (${sql.join(q.skus.map((s) => sql`${s}`), sql`, `)})` : sql`0`);
  return sql.join(parts, sql` AND `);
}
