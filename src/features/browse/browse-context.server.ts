import { inArray, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { catalogs, organizations, revisions } from '../../../db/schema/index.ts';
import type { BuyerScope } from '../views/buyer-scope.server.ts';
import { scopeCatalogIds } from '../views/buyer-scope.server.ts';
import { compileViews, type CompiledViews } from '../pricing/compile-views.ts';

export interface LiveCatalog {
  id: number; slug: string; name: string; currency: string; supplierName: string;
  revisionId: number; publishedAt: string | null;
}

/** Everything a buyer-facing query needs: the scope, its compiled rules and the live revisions it reaches. */
export interface BrowseContext {
  scope: BuyerScope;
  compiled: CompiledViews;
  catalogs: ReadonlyMap<number, LiveCatalog>;
  liveRevisions: ReadonlyMap<number, number>;
  nowMs: number;
}

/** The catalogs a scope reaches that have a live revision, by catalog id. */
export async function loadLiveCatalogs(db: Db, scope: BuyerScope): Promise<Map<number, LiveCatalog>> {
  const ids = scopeCatalogIds(scope);
  const rows = ids.length === 0 ? [] : await db
    .select({ id: catalogs.id, slug: catalogs.slug, name: catalogs.name, currency: catalogs.currency, supplierName: organizations.name, revisionId: revisions.id, publishedAt: revisions.publishedAt })
    .from(catalogs)
    .innerJoin(revisions, eq(revisions.id, catalogs.liveRevisionId))
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .where(inArray(catalogs.id, ids));
  return new Map(rows.sort((a, b) => a.name.localeCompare(b.name)).map((r) => [r.id, r]));
}

/** Compiles the scope's views (no I/O): done only when a page is rendered, not when it is served from cache. */
export function browseContextOf(scope: BuyerScope, live: ReadonlyMap<number, LiveCatalog>): BrowseContext {
  return {
    scope,
    compiled: compileViews(scope.versions),
    catalogs: live,
    liveRevisions: new Map([...live.values()].map((c) => [c.id, c.revisionId])),
    nowMs: scope.at.getTime(),
  };
}

export async function openBrowseContext(db: Db, scope: BuyerScope): Promise<BrowseContext> {
  return browseContextOf(scope, await loadLiveCatalogs(db, scope));
}
