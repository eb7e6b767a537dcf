import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { BrowseContext } from './browse-context.server.ts';
import { visibilitySql } from './visibility-sql.ts';
import { toVisibleItem, type VisibleItem } from './visible-items.server.ts';

type ItemRow = Parameters<typeof toVisibleItem>[1];

export interface FindItemsQuery {
  catalogId?: number;
  /** Matches SKU or name, case-insensitively, anywhere in the text (a plain filter, not search ranking). */
  text?: string;
  page?: number;
  pageSize?: number;
}

/**
 * One page of the items the scope shows, at its prices, optionally narrowed by catalog and by
 * text in SKU or name; ordered by catalog, then SKU. Used by sales' customer preview and the
 * buyer JSON API; the buyer search with ranking and facets is the search feature's.
 */
export async function findVisibleItems(db: Db, ctx: BrowseContext, q: FindItemsQuery = {}): Promise<{ items: VisibleItem[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(Math.trunc(q.pageSize ?? 50), 1), 200);
  const page = Math.max(Math.trunc(q.page ?? 1), 1);
  const parts: SQL[] = [visibilitySql('i', ctx.compiled, ctx.liveRevisions, ctx.nowMs, q.catalogId)];
  const text = q.text?.trim() ?? '';
  if (text !== '') {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(i.sku LIKE ${like} ESCAPE '\\' OR i.name LIKE ${like} ESCAPE '\\')`);
  }
  const where = sql.join(parts, sql` AND `);
  const [count] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items i WHERE ${where}`);
  const rows = await db.all<ItemRow>(sql`SELECT i.* FROM items i WHERE ${where} ORDER BY i.revision_id, i.sku LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const items = rows.map((r) => toVisibleItem(ctx, r)).filter((x): x is VisibleItem => x !== null);
  return { items, total: count?.n ?? 0, page, pageSize };
}
