import { eq } from 'drizzle-orm';
import { customerViews } from '#db/schema/index.ts';
import { rememberedBuyerScope } from '#features/visibility/remembered-buyer-scope.server.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import { openBrowseContext, type BrowseContext } from '#features/visibility/browse-context.server.ts';
import { openWorld, type World } from '#tests/support/world.ts';

export interface ViewsWorld extends World {
  /** The demo view of a customer (each demo customer has one). */
  viewOf(orgSlug: string): Promise<typeof customerViews.$inferSelect>;
  /** What a buyer of the organization sees at `at`, as their pages do. */
  buyer(orgSlug: string, at?: Date): Promise<BrowseContext>;
}

/** A real libSQL file with the whole demo: accounts, the three catalogs through the upload pipeline, Globex's and Initech's views. */
export async function openViewsWorld(): Promise<ViewsWorld> {
  const base = await openWorld('demo');
  const { db } = base;
  return {
    ...base,
    async viewOf(orgSlug) {
      const [view] = await db.select().from(customerViews).where(eq(customerViews.customerOrgId, await base.orgId(orgSlug))).limit(1);
      return view!;
    },
    async buyer(orgSlug, at = new Date()) {
      // As buyers' pages and searches take it: the published views kept while the change stamp holds,
      // so every publish, withdrawal and date below must move the stamp to be seen.
      return openBrowseContext(db, await rememberedBuyerScope(db, await base.orgId(orgSlug), await changeStamp(db), at));
    },
  };
}
