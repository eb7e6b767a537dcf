import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import { can } from '#features/auth/authorize.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { createCatalog } from './create-catalog.server.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A supplier adds a catalog to their organization; its first revision is uploaded next. */
export async function addCatalog(db: Db, actor: SessionUser, input: { name: string; currency: string }, meta: { ip: string | null; at: Date }) {
  if (!can(actor, { do: 'manage-catalogs-of', orgId: actor.orgId })) throw new RevisionNotFound();
  const name = input.name.trim().replace(/\s+/g, ' ');
  const currency = input.currency.trim().toUpperCase();
  if (name.length < 2 || name.length > 120) throw new RevisionProblem('Name the catalog with 2 to 120 characters, e.g. “Fasteners 2028”.', { field: 'name', status: 400 });
  if (!CURRENCIES.has(currency)) throw new RevisionProblem(`“${input.currency.trim()}” is not a currency code; use the 3-letter ISO code, e.g. EUR, USD or CHF.`, { field: 'currency', status: 400 });
  const [taken] = await db.select({ id: catalogs.id }).from(catalogs).where(and(eq(catalogs.supplierOrgId, actor.orgId), eq(catalogs.name, name))).limit(1);
  if (taken) throw new RevisionProblem(`You already have a catalog named “${name}”.`, { field: 'name', status: 409 });
  const catalog = await withCatalogWrites(() => createCatalog(db, { supplierOrgId: actor.orgId, name, currency }, meta.at));
  await recordCatalogEvent(db, { kind: 'catalog-created', actor, ip: meta.ip, at: meta.at, subject: `catalog ${catalog.slug}`, detail: { catalogId: catalog.id, name, currency } });
  return catalog;
}
