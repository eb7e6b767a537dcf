import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { visibilitySql } from '#features/visibility/visibility-sql.ts';
import { toVisibleItem, type VisibleItem } from '#features/visibility/visible-items.server.ts';

type ItemRow = Parameters<typeof toVisibleItem>[1];

/**
 * The items of a page of hits, read from libSQL through the buyer's views and priced by the
 * pricing module: whatever an engine returned, an item the buyer may not see is dropped here
 * (a second check behind the engine's own scope filter, e.g. while an external index lags).
 */
export async function loadHitItems(db: Db, ctx: BrowseContext, itemIds: readonly number[]): Promise<Map<number, VisibleItem>> {
  if (itemIds.length === 0) return new Map();
  // The page's rows are read by id first, then filtered: given both at once, SQLite may walk
  // the views' (revision, category) ranges instead, tens of thousands of rows for 24.
  const rows = await db.all<ItemRow>(sql`WITH hit AS MATERIALIZED (SELECT * FROM items WHERE id IN (${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)}))
    SELECT i.* FROM hit i WHERE ${visibilitySql('i', ctx.compiled, ctx.liveRevisions, ctx.nowMs)}`);
  const out = new Map<number, VisibleItem>();
  for (const row of rows) {
    const item = toVisibleItem(ctx, row);
    if (item) out.set(item.id, item);
  }
  return out;
}
