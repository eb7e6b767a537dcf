import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, customerViews, organizations, revisions, viewVersions } from '#db/schema/index.ts';
import { ViewNotFound } from './view-problem.ts';

export type ViewRow = typeof customerViews.$inferSelect;
export type VersionRow = typeof viewVersions.$inferSelect;
export type Reader = Pick<Db, 'select' | 'all'>;

export interface CatalogInfo {
  id: number; name: string; slug: string; currency: string; supplierName: string;
  liveRevisionId: number | null; itemCount: number; publishedAt: string | null;
}

/** A view by id; throws ViewNotFound (answered as 404) for an unknown or malformed id. */
export async function getView(db: Reader, viewId: number): Promise<ViewRow> {
  if (!Number.isSafeInteger(viewId) || viewId < 1) throw new ViewNotFound('view');
  const [view] = await db.select().from(customerViews).where(eq(customerViews.id, viewId)).limit(1);
  if (!view) throw new ViewNotFound('view');
  return view;
}

/** The version buyers see (or saw, for a withdrawn view); null when never published. */
export async function getPublishedVersion(db: Reader, view: ViewRow): Promise<VersionRow | null> {
  if (view.publishedVersionId === null) return null;
  const [version] = await db.select().from(viewVersions).where(eq(viewVersions.id, view.publishedVersionId)).limit(1);
  return version ?? null;
}

export async function listVersions(db: Reader, viewId: number): Promise<VersionRow[]> {
  return db.select().from(viewVersions).where(eq(viewVersions.viewId, viewId)).orderBy(desc(viewVersions.version));
}

/** A customer organization by id; throws ViewNotFound for anything else (a supplier's id answers 404 too). */
export async function getCustomer(db: Reader, orgId: number): Promise<typeof organizations.$inferSelect> {
  if (!Number.isSafeInteger(orgId) || orgId < 1) throw new ViewNotFound('customer');
  const [org] = await db.select().from(organizations).where(and(eq(organizations.id, orgId), eq(organizations.kind, 'customer'))).limit(1);
  if (!org) throw new ViewNotFound('customer');
  return org;
}

/** Catalogs with their supplier and live revision, by id (all of them when `ids` is omitted). */
export async function catalogInfos(db: Reader, ids?: readonly number[]): Promise<Map<number, CatalogInfo>> {
  if (ids !== undefined && ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: catalogs.id, name: catalogs.name, slug: catalogs.slug, currency: catalogs.currency, supplierName: organizations.name,
      liveRevisionId: catalogs.liveRevisionId, itemCount: sql<number>`coalesce(${revisions.itemCount}, 0)`, publishedAt: revisions.publishedAt,
    })
    .from(catalogs)
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .leftJoin(revisions, eq(revisions.id, catalogs.liveRevisionId))
    .where(ids === undefined ? undefined : inArray(catalogs.id, [...ids]))
    .orderBy(organizations.name, catalogs.name);
  return new Map(rows.map((r) => [r.id, r]));
}
