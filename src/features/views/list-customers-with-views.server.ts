import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { organizations, customerViews, viewVersions, users } from '#db/schema/index.ts';
import { attentionCount, findAttention, LiveRevisionLookup } from './needs-attention.server.ts';
import { describeValidity } from './validity-input.ts';
import { describeViewState, type ViewStatus } from './view-state.ts';
import { catalogInfos, type ViewRow, type VersionRow } from './view-records.server.ts';

export interface ViewListing {
  view: ViewRow;
  /** The published (or, once withdrawn, last published) version. */
  version: VersionRow | null;
  publisher: string | null;
  status: ViewStatus;
  /** Catalogs of the draft, by name, with their supplier. */
  catalogs: Array<{ id: number; name: string; supplierName: string }>;
  /** Validity of what the customer sees (the published version), else of the draft. */
  validity: string;
  /** Rules naming categories or SKUs missing from the live revisions, and unpublished catalogs. */
  attention: number;
}

export interface CustomerListing { org: typeof organizations.$inferSelect; views: ViewListing[] }

/** Customer organizations with their views: state, catalogs, validity, last published and by whom, what needs attention. */
export async function listCustomersWithViews(db: Db, now: Date = new Date(), onlyOrgId?: number): Promise<CustomerListing[]> {
  const publisher = alias(users, 'publisher');
  const rows = await db
    .select({ org: organizations, view: customerViews, version: viewVersions, publisher: publisher.name })
    .from(organizations)
    .leftJoin(customerViews, eq(customerViews.customerOrgId, organizations.id))
    .leftJoin(viewVersions, eq(viewVersions.id, customerViews.publishedVersionId))
    .leftJoin(publisher, eq(publisher.id, viewVersions.publishedBy))
    .where(onlyOrgId === undefined ? eq(organizations.kind, 'customer') : eq(organizations.id, onlyOrgId))
    .orderBy(asc(organizations.name), asc(customerViews.name));
  const catalogs = await catalogInfos(db);
  const lookup = new LiveRevisionLookup(db);
  const byOrg = new Map<number, CustomerListing>();
  for (const r of rows) {
    if (r.org.kind !== 'customer') continue;
    const entry = byOrg.get(r.org.id) ?? { org: r.org, views: [] };
    byOrg.set(r.org.id, entry);
    if (!r.view) continue;
    const shown = r.version ?? { validFrom: r.view.draftValidFrom, validUntil: r.view.draftValidUntil };
    entry.views.push({
      view: r.view,
      version: r.version,
      publisher: r.publisher,
      status: describeViewState(r.view, r.version, now),
      catalogs: r.view.draftRules.catalogs.map((c) => {
        const info = catalogs.get(c.catalogId);
        return { id: c.catalogId, name: info?.name ?? `catalog ${c.catalogId} (deleted)`, supplierName: info?.supplierName ?? '' };
      }),
      validity: describeValidity(shown.validFrom, shown.validUntil),
      attention: attentionCount(await findAttention(r.view.draftRules, catalogs, lookup)),
    });
  }
  return [...byOrg.values()];
}
