import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { catalogForSupplier, parseId } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { listCatalogRevisions } from './revision-history.server.ts';

/** What the supplier's catalog page shows: the catalog, its live revision and its history. Null: 404. */
export async function loadCatalogPage(db: Db, user: SessionUser | null, catalogParam: string | undefined, page: number) {
  try {
    const catalog = await catalogForSupplier(db, user, parseId(catalogParam));
    const [live] = catalog.liveRevisionId ? await db.select().from(revisions).where(eq(revisions.id, catalog.liveRevisionId)).limit(1) : [];
    const history = await listCatalogRevisions(db, catalog.id, Number.isFinite(page) ? page : 1);
    return { catalog, live: live ?? null, history };
  } catch (e) {
    if (e instanceof RevisionNotFound) return null;
    throw e;
  }
}
