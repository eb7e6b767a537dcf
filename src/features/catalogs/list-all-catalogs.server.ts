import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, revisions } from '#db/schema/index.ts';

/**
 * Every supplier's catalogs for the admins' overview: the supplier, the live revision with its
 * item count and when it went live, and how many revisions wait (being read, ready or submitted).
 */
export async function listAllCatalogs(db: Db) {
  const live = alias(revisions, 'live');
  return db
    .select({
      id: catalogs.id, name: catalogs.name, currency: catalogs.currency, supplierName: organizations.name,
      liveRevisionId: catalogs.liveRevisionId, itemCount: live.itemCount, lastPublishedAt: live.publishedAt,
      waiting: sql<number>`(SELECT count(*) FROM revisions w WHERE w.catalog_id = ${catalogs.id} AND w.state IN ('processing', 'ready'))`,
    })
    .from(catalogs)
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .leftJoin(live, eq(live.id, catalogs.liveRevisionId))
    .orderBy(organizations.name, catalogs.name, desc(catalogs.id));
}
