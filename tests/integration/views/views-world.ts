import { eq } from 'drizzle-orm';
import { customerViews } from '#db/schema/index.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext, type BrowseContext } from '#features/visibility/browse-context.server.ts';
import { openWorld, type World } from '#tests/support/world.ts';

export interface ViewsWorld extends World {
  /** The demo view of a customer (each demo customer has one). */
  viewOf(orgSlug: string): Promise<typeof customerViews.$inferSelect>;
  /** What a buyer of the organization sees at `at`. */
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
      return openBrowseContext(db, await resolveBuyerScope(db, await base.orgId(orgSlug), at));
    },
  };
}
