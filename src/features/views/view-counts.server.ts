import { sql } from 'drizzle-orm';
import type { ViewRules } from '#db/schema/views.ts';
import { visibilitySql } from '#features/visibility/visibility-sql.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import type { Reader } from './view-records.server.ts';

/**
 * How many live items each catalog shows under `rules` alone, whatever the validity dates
 * (the summary says separately when the view is in force). Uses the same SQL filter as the
 * buyer queries, so the count is what the customer will page through. Keyed by catalog id;
 * a catalog without a live revision counts 0.
 */
export async function countVisibleByCatalog(db: Reader, viewId: number, rules: ViewRules, liveRevisions: ReadonlyMap<number, number>): Promise<Map<number, number>> {
  const counts = new Map<number, number>(rules.catalogs.map((c) => [c.catalogId, 0]));
  const compiled = compileViews([{ viewId, rules, validFrom: null, validUntil: null }]);
  const where = visibilitySql('i', compiled, liveRevisions, 0);
  const rows = await db.all<{ revisionId: number; n: number }>(sql`SELECT i.revision_id AS revisionId, count(*) AS n FROM items i WHERE ${where} GROUP BY i.revision_id`);
  const catalogOfRevision = new Map([...liveRevisions].map(([catalogId, revisionId]) => [revisionId, catalogId]));
  for (const row of rows) {
    const catalogId = catalogOfRevision.get(row.revisionId);
    if (catalogId !== undefined) counts.set(catalogId, row.n);
  }
  return counts;
}
