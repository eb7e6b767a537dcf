import { eq, asc } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { organizations, customerViews, viewVersions, users } from '../../../db/schema/index.ts';

/** Customer organizations with their views: state, validity, last published and by whom. */
export async function listCustomersWithViews(db: Db) {
  const rows = await db
    .select({ org: organizations, view: customerViews, version: viewVersions, publisher: users.name })
    .from(organizations)
    .leftJoin(customerViews, eq(customerViews.customerOrgId, organizations.id))
    .leftJoin(viewVersions, eq(viewVersions.id, customerViews.publishedVersionId))
    .leftJoin(users, eq(users.id, viewVersions.publishedBy))
    .where(eq(organizations.kind, 'customer'))
    .orderBy(asc(organizations.name), asc(customerViews.name));
  const byOrg = new Map<number, { org: typeof organizations.$inferSelect; views: Array<{ view: typeof customerViews.$inferSelect; version: typeof viewVersions.$inferSelect | null; publisher: string | null }> }>();
  for (const r of rows) {
    const entry = byOrg.get(r.org.id) ?? { org: r.org, views: [] };
    if (r.view) entry.views.push({ view: r.view, version: r.version, publisher: r.publisher });
    byOrg.set(r.org.id, entry);
  }
  return [...byOrg.values()];
}
