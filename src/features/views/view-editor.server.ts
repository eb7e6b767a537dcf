import { desc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users, viewVersions } from '#db/schema/index.ts';
import { countCatalogRules, type CatalogRules } from './canonical-rules.ts';
import { findAttention, LiveRevisionLookup, type CatalogAttention } from './needs-attention.server.ts';
import { describeViewState, type ViewStatus } from './view-state.ts';
import { catalogInfos, getCustomer, getPublishedVersion, getView, type CatalogInfo, type VersionRow, type ViewRow } from './view-records.server.ts';

export interface ViewEditor {
  view: ViewRow;
  customer: { id: number; name: string };
  status: ViewStatus;
  published: VersionRow | null;
  versions: Array<VersionRow & { publisherName: string | null }>;
  /** The draft's catalogs in the order they were added; `info` is null for a deleted catalog. */
  catalogs: Array<{ rules: CatalogRules; info: CatalogInfo | null; ruleCount: number }>;
  /** Catalogs of any supplier not yet in the view, by supplier then name. */
  addable: CatalogInfo[];
  attention: CatalogAttention[];
}

/** Everything the view page shows. Throws ViewNotFound for an unknown view. */
export async function loadViewEditor(db: Db, viewId: number, now: Date): Promise<ViewEditor> {
  const view = await getView(db, viewId);
  const customer = await getCustomer(db, view.customerOrgId);
  const published = await getPublishedVersion(db, view);
  const versions = await db.select({ v: viewVersions, publisherName: users.name }).from(viewVersions)
    .leftJoin(users, eq(users.id, viewVersions.publishedBy)).where(eq(viewVersions.viewId, viewId)).orderBy(desc(viewVersions.version));
  const all = await catalogInfos(db);
  const inView = new Set(view.draftRules.catalogs.map((c) => c.catalogId));
  return {
    view,
    customer: { id: customer.id, name: customer.name },
    status: describeViewState(view, published, now),
    published,
    versions: versions.map((r) => ({ ...r.v, publisherName: r.publisherName })),
    catalogs: view.draftRules.catalogs.map((rules) => ({ rules, info: all.get(rules.catalogId) ?? null, ruleCount: countCatalogRules(rules) })),
    addable: [...all.values()].filter((c) => !inView.has(c.id)),
    attention: await findAttention(view.draftRules, all, new LiveRevisionLookup(db)),
  };
}
