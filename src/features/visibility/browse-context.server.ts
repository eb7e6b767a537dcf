import type { Client } from '@libsql/client';
import type { Db } from '#db/client.ts';
import type { BuyerScope } from './buyer-scope.server.ts';
import { scopeCatalogIds } from './buyer-scope.server.ts';
import { compileViews, type CompiledViews } from '#features/pricing/compile-views.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

export interface LiveCatalog {
  id: number; slug: string; name: string; currency: string; supplierName: string;
  revisionId: number; publishedAt: string | null;
  /** The live revision's number within its catalog, what buyers read ("revision 4"). */
  revisionNumber: number;
}

/** Everything a buyer-facing query needs: the scope, its compiled rules and the live revisions it reaches. */
export interface BrowseContext {
  scope: BuyerScope;
  compiled: CompiledViews;
  catalogs: ReadonlyMap<number, LiveCatalog>;
  liveRevisions: ReadonlyMap<number, number>;
  /** The catalog of each live revision: an item row names its revision, and a page or an ordering prices many rows. */
  catalogOfRevision: ReadonlyMap<number, LiveCatalog>;
  nowMs: number;
}

interface LiveCatalogRow { id: number; slug: string; name: string; currency: string; supplierName: string; revisionId: number; revisionNumber: number; publishedAt: string | null }

// Runs on every catalog page, cache hits included: plain SQL with the ids as one JSON
// parameter, so the statement text never changes and no query builder runs per request.
const LIVE_CATALOGS = `SELECT c.id, c.slug, c.name, c.currency, o.name AS supplierName, r.id AS revisionId, r.number AS revisionNumber, r.published_at AS publishedAt
  FROM catalogs c JOIN revisions r ON r.id = c.live_revision_id JOIN organizations o ON o.id = c.supplier_org_id
  WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.name, c.id`;

/** The catalogs a scope reaches that have a live revision, by catalog id, in name order. */
export async function loadLiveCatalogs(db: Db, scope: BuyerScope): Promise<Map<number, LiveCatalog>> {
  const ids = scopeCatalogIds(scope);
  if (ids.length === 0) return new Map();
  const client = (db as Db & { $client: Client }).$client; // drizzle's libSQL database keeps its client here
  const result = await client.execute({ sql: LIVE_CATALOGS, args: [JSON.stringify(ids)] });
  const rows = result.rows as unknown as LiveCatalogRow[];
  return new Map(rows.map((r) => [Number(r.id), {
    id: Number(r.id), slug: String(r.slug), name: String(r.name), currency: String(r.currency), supplierName: String(r.supplierName),
    revisionId: Number(r.revisionId), revisionNumber: Number(r.revisionNumber), publishedAt: r.publishedAt === null ? null : String(r.publishedAt),
  }]));
}

// Compiled rules of a list of versions in force, kept while that list is (scopeOf hands out the same one).
const compiledViews = onePerObject((versions: BuyerScope['versions']): CompiledViews => compileViews(versions));

/** Compiles the scope's views (no I/O): done only when a page is rendered, not when it is served from cache. */
export function browseContextOf(scope: BuyerScope, live: ReadonlyMap<number, LiveCatalog>): BrowseContext {
  return {
    scope,
    compiled: compiledViews(scope.versions),
    catalogs: live,
    liveRevisions: new Map([...live.values()].map((c) => [c.id, c.revisionId])),
    catalogOfRevision: new Map([...live.values()].map((c) => [c.revisionId, c])),
    nowMs: scope.at.getTime(),
  };
}

export async function openBrowseContext(db: Db, scope: BuyerScope): Promise<BrowseContext> {
  return browseContextOf(scope, await loadLiveCatalogs(db, scope));
}
