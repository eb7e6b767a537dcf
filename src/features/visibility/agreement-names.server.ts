import { inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews } from '#db/schema/index.ts';
import type { BrowseContext } from './browse-context.server.ts';

/** The names of the views in a buyer's scope (their agreements), by view id; never their notes. */
export async function agreementNames(db: Db, ctx: BrowseContext): Promise<Map<number, string>> {
  const ids = ctx.compiled.views.map((v) => v.viewId);
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: customerViews.id, name: customerViews.name }).from(customerViews).where(inArray(customerViews.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
