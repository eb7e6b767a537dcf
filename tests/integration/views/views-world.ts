import { eq, sql } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { customerViews, organizations, users } from '#db/schema/index.ts';
import type { Db } from '#db/client.ts';
import { toSessionUser, type SessionUser } from '#features/auth/session-user.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext, type BrowseContext } from '#features/visibility/browse-context.server.ts';

export interface ViewsWorld extends TempDatabase {
  db: Db;
  orgId(slug: string): Promise<number>;
  catalog(slug: string): Promise<{ id: number; live: number; currency: string }>;
  /** The demo view of a customer (each demo customer has one). */
  viewOf(orgSlug: string): Promise<typeof customerViews.$inferSelect>;
  user(email: string): Promise<SessionUser>;
  /** What a buyer of the organization sees at `at`. */
  buyer(orgSlug: string, at?: Date): Promise<BrowseContext>;
}

/** A real libSQL file with the whole demo: accounts, the three catalogs through the upload pipeline, Globex's and Initech's views. */
export async function openViewsWorld(): Promise<ViewsWorld> {
  const t = await openTempDatabase();
  await seedDemo(t.database, { mediaDir: t.mediaDir });
  const db = t.database.db;
  const world: ViewsWorld = {
    ...t, db,
    async orgId(slug) {
      return (await db.all<{ id: number }>(sql`SELECT id FROM organizations WHERE slug = ${slug}`))[0]!.id;
    },
    async catalog(slug) {
      return (await db.all<{ id: number; live: number; currency: string }>(sql`SELECT id, live_revision_id AS live, currency FROM catalogs WHERE slug = ${slug}`))[0]!;
    },
    async viewOf(orgSlug) {
      const [view] = await db.select().from(customerViews).where(eq(customerViews.customerOrgId, await world.orgId(orgSlug))).limit(1);
      return view!;
    },
    async user(email) {
      const [row] = await db.select({ u: users, o: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.email, email)).limit(1);
      return toSessionUser(row!.u, row!.o);
    },
    async buyer(orgSlug, at = new Date()) {
      return openBrowseContext(db, await resolveBuyerScope(db, await world.orgId(orgSlug), at));
    },
  };
  return world;
}
