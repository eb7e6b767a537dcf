import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can } from '#features/auth/authorize.ts';
import { resolveBuyerScope, type BuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { rememberedBuyerScope } from '#features/visibility/remembered-buyer-scope.server.ts';
import { browseContextOf, loadLiveCatalogs, type BrowseContext, type LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { catalogFingerprint, scopeFingerprint } from '#features/visibility/scope-fingerprint.ts';
import { rememberFingerprint, scopeGeneration } from '#features/page-cache/scope-memo.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import { browsePaths, previewBase, type BrowsePaths } from '#src/paths.ts';

/** Who a catalog page is rendered for: a buyer's own organization, or a customer sales previews. */
export interface BrowseRequest {
  user: SessionUser;
  customer: { id: number; name: string };
  preview: boolean;
  scope: BuyerScope;
  live: ReadonlyMap<number, LiveCatalog>;
  /** Identifies what pages spanning the scope show (see visibility/scope-fingerprint.ts). */
  fingerprint: string;
  /** Identifies what one catalog's pages show: the same, but only that catalog's live revision counts. */
  catalogFingerprint(catalog: LiveCatalog): string;
  paths: BrowsePaths;
  /** The compiled views; compiled on first use, so a page served from cache never compiles. */
  context(): BrowseContext;
}

/** A preview's customer id as written in the URL: a positive whole number, else null. */
export function parseCustomerId(param: string | undefined): number | null {
  return param !== undefined && /^[1-9]\d{0,9}$/.test(param) ? Number(param) : null;
}

async function customerOrg(db: Db, id: number): Promise<{ id: number; name: string } | null> {
  const [org] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations)
    .where(and(eq(organizations.id, id), eq(organizations.kind, 'customer'))).limit(1);
  return org ?? null;
}

/**
 * The scope of a catalog page. `previewCustomer` is the customer id of a /preview/<id>/… URL,
 * undefined on the buyer's own pages. Null when the page must answer 404: a preview by anyone
 * but sales or of an organization that is not a customer, or a buyer page for a non-buyer.
 */
export async function openBrowseRequest(db: Db, user: SessionUser, previewCustomer: string | undefined, now: Date): Promise<BrowseRequest | null> {
  let customer: { id: number; name: string } | null;
  const preview = previewCustomer !== undefined;
  if (preview) {
    const id = parseCustomerId(previewCustomer);
    if (id === null || !can(user, { do: 'manage-customer-views' })) return null;
    customer = await customerOrg(db, id);
  } else {
    customer = can(user, { do: 'browse-catalogs' }) ? { id: user.orgId, name: user.orgName } : null;
  }
  if (!customer) return null;
  const generation = scopeGeneration();
  const stamp = preview ? 0 : await changeStamp(db);
  // A buyer's own pages take the published views kept while the stamp holds; a preview reads them anew.
  const scope = preview ? await resolveBuyerScope(db, customer.id, now, preview) : await rememberedBuyerScope(db, customer.id, stamp, now);
  const live = await loadLiveCatalogs(db, scope);
  const liveRevisions = new Map([...live.values()].map((c) => [c.id, c.revisionId]));
  const fingerprint = scopeFingerprint(scope, liveRevisions);
  const byCatalog = new Map([...live.values()].map((c) => [c.id, catalogFingerprint(scope, c.id, c.revisionId)]));
  // The fast lane serves the buyer's own pages only; a preview's scope is never remembered.
  if (!preview) rememberFingerprint(customer.id, { catalogs: new Map([...live.values()].map((c) => [c.slug, byCatalog.get(c.id)!])), stamp }, now.getTime(), generation);
  let context: BrowseContext | undefined;
  return {
    user, customer, preview, scope, live, fingerprint,
    catalogFingerprint: (c) => byCatalog.get(c.id) ?? catalogFingerprint(scope, c.id, c.revisionId),
    paths: browsePaths(preview ? previewBase(customer.id) : ''),
    context: () => (context ??= browseContextOf(scope, live)),
  };
}

/** The live catalog a URL's slug names, if this scope reaches it. */
export function catalogBySlug(request: BrowseRequest, slug: string | undefined): LiveCatalog | null {
  if (!slug) return null;
  for (const c of request.live.values()) if (c.slug === slug) return c;
  return null;
}
