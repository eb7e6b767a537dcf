import { eq, desc, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { catalogs, revisions } from '#db/schema/index.ts';

/** A supplier's catalogs with what is live (item count, when published) and how many revisions wait. */
export async function listSupplierCatalogs(db: Db, supplierOrgId: number) {
  const live = alias(revisions, 'live');
  return db
    .select({
      id: catalogs.id, slug: catalogs.slug, name: catalogs.name, currency: catalogs.currency, liveRevisionId: catalogs.liveRevisionId,
      itemCount: live.itemCount, lastPublishedAt: live.publishedAt,
      waiting: sql<number>`(SELECT count(*) FROM revisions w WHERE w.catalog_id = ${catalogs.id} AND w.state IN ('processing', 'ready'))`,
    })
    .from(catalogs)
    .leftJoin(live, eq(live.id, catalogs.liveRevisionId))
    .where(eq(catalogs.supplierOrgId, supplierOrgId))
    .orderBy(desc(catalogs.createdAt), catalogs.name);
}
