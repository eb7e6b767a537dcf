import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews } from '#db/schema/index.ts';
import { openBrowseContext, type LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { findVisibleItems } from '#features/visibility/find-visible-items.server.ts';
import type { VisibleItem } from '#features/visibility/visible-items.server.ts';
import { priceLines, type PriceLine } from './price-lines.ts';
import { resolvePreviewScope } from './preview-scope.server.ts';
import { getCustomer, getView, type ViewRow } from './view-records.server.ts';

export interface PreviewQuery { draftOf?: number; at?: Date; catalogSlug?: string; text?: string; page?: number }

export interface CustomerPreview {
  customer: { id: number; name: string };
  /** The view whose draft is previewed in place of its published version, if any. */
  draft: ViewRow | null;
  at: Date;
  /** Catalogs the customer sees (at `at`), for the filter. */
  catalogs: LiveCatalog[];
  /** Names of the views in force, for "why this price". */
  views: Array<{ id: number; name: string }>;
  /** Each item with its price at 1 unit and at every quantity break, and why. */
  items: Array<VisibleItem & { lines: PriceLine[] }>;
  total: number; page: number; pageSize: number;
}

/**
 * The customer's catalog as their buyers see it (or will see it, with a view's draft), through
 * the same scoped queries the buyer pages and the API use, for sales' preview.
 */
export async function loadCustomerPreview(db: Db, customerOrgId: number, q: PreviewQuery): Promise<CustomerPreview> {
  const customer = await getCustomer(db, customerOrgId);
  const draft = q.draftOf === undefined ? null : await getView(db, q.draftOf);
  const at = q.at ?? new Date();
  const scope = await resolvePreviewScope(db, customer.id, at, draft?.id);
  const ctx = await openBrowseContext(db, scope);
  const catalogs = [...ctx.catalogs.values()].sort((a, b) => a.name.localeCompare(b.name));
  const catalog = q.catalogSlug ? catalogs.find((c) => c.slug === q.catalogSlug) : undefined;
  const found = q.catalogSlug && !catalog
    ? { items: [], total: 0, page: 1, pageSize: 50 }
    : await findVisibleItems(db, ctx, { catalogId: catalog?.id, text: q.text, page: q.page });
  const inForce = new Set(scope.versions.map((v) => v.viewId));
  const views = (await db.select({ id: customerViews.id, name: customerViews.name }).from(customerViews).where(eq(customerViews.customerOrgId, customer.id)))
    .filter((v) => inForce.has(v.id));
  const names = new Map(views.map((v) => [v.id, v.name]));
  return {
    customer: { id: customer.id, name: customer.name }, draft, at, catalogs, views,
    items: found.items.map((item) => ({
      ...item,
      lines: priceLines(ctx.compiled, { catalogId: item.catalog.id, sku: item.sku, categoryPath: item.categoryPath, priceMinor: item.listPriceMinor, tiers: item.tiers, currency: item.catalog.currency }, at, names),
    })),
    total: found.total, page: found.page, pageSize: found.pageSize,
  };
}
