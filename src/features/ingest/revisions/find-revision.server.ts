import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, revisions } from '#db/schema/index.ts';
import { can } from '#features/auth/authorize.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { RevisionNotFound } from './revision-problem.ts';

export type RevisionRow = typeof revisions.$inferSelect;
export type CatalogRow = typeof catalogs.$inferSelect;
export interface SupplierFacts { id: number; name: string; slug: string; requiresApproval: boolean }
export interface RevisionContext { revision: RevisionRow; catalog: CatalogRow; supplier: SupplierFacts }

/** A route or API id: a positive whole number, else null (the page answers 404). */
export function parseId(param: string | undefined | null): number | null {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) return null;
  const id = Number(param);
  return Number.isSafeInteger(id) ? id : null;
}

async function loadRevision(db: Db, revisionId: number): Promise<RevisionContext | null> {
  const [row] = await db.select({ revision: revisions, catalog: catalogs, supplier: { id: organizations.id, name: organizations.name, slug: organizations.slug, requiresApproval: organizations.requiresApproval } })
    .from(revisions)
    .innerJoin(catalogs, eq(catalogs.id, revisions.catalogId))
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .where(eq(revisions.id, revisionId)).limit(1);
  return row ?? null;
}

/** The catalog when `user` manages it (a person of its supplier); otherwise RevisionNotFound. */
export async function catalogForSupplier(db: Db, user: SessionUser | null, catalogId: number | null): Promise<CatalogRow & { requiresApproval: boolean }> {
  if (catalogId === null) throw new RevisionNotFound();
  const [row] = await db.select({ catalog: catalogs, requiresApproval: organizations.requiresApproval }).from(catalogs)
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId)).where(eq(catalogs.id, catalogId)).limit(1);
  if (!row || !can(user, { do: 'manage-catalogs-of', orgId: row.catalog.supplierOrgId })) throw new RevisionNotFound();
  return { ...row.catalog, requiresApproval: row.requiresApproval };
}

/** A revision of a catalog `user` manages; another supplier's answers as if it did not exist. */
export async function revisionForSupplier(db: Db, user: SessionUser | null, revisionId: number | null): Promise<RevisionContext> {
  const found = revisionId === null ? null : await loadRevision(db, revisionId);
  if (!found || !can(user, { do: 'manage-catalogs-of', orgId: found.catalog.supplierOrgId })) throw new RevisionNotFound();
  return found;
}

/** A revision for sales or an admin reviewing it (any supplier's). */
export async function revisionForReviewer(db: Db, user: SessionUser | null, revisionId: number | null): Promise<RevisionContext> {
  const found = revisionId === null ? null : await loadRevision(db, revisionId);
  if (!found || !can(user, { do: 'approve-revisions' })) throw new RevisionNotFound();
  return found;
}
