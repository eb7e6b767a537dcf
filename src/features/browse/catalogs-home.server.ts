import type { Db } from '#db/client.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import type { LiveCatalog } from '#features/visibility/browse-context.server.ts';
import { changesSince, type CatalogChanges } from './changes.server.ts';
import { countVisibleItems } from '#features/visibility/visible-items.server.ts';
import { recordCatalogVisit } from './visits.server.ts';
import { whomToAsk, type WhomToAsk } from './whom-to-ask.server.ts';

export interface CatalogsHome {
  catalogs: Array<{ catalog: LiveCatalog; itemCount: number; changes: CatalogChanges | null }>;
  /** When the buyer's previous visit ended; null on a first visit and in a preview. */
  since: string | null;
  /** Catalogs the buyer could see at their last visit and no longer can. */
  gone: CatalogChanges[];
  /** Set when there is nothing to show: whom to ask for access. */
  ask: WhomToAsk | null;
}

/**
 * The buyer's catalog list: each catalog with its supplier, how many items they see, when it
 * was last updated and what changed since their last visit. Viewing it counts as a visit
 * (not in a sales preview, which must not move the customer's "last visit").
 */
export async function loadCatalogsHome(db: Db, request: BrowseRequest, now: Date): Promise<CatalogsHome> {
  const since = request.preview ? null : await recordCatalogVisit(db, request.user.id, now);
  const counts = await countVisibleItems(db, request.context());
  const changes = since ? await changesSince(db, request, new Date(since), 0) : [];
  const byCatalog = new Map(changes.map((c) => [c.catalog.id, c]));
  const catalogs = [...request.live.values()].map((catalog) => ({ catalog, itemCount: counts.get(catalog.id) ?? 0, changes: byCatalog.get(catalog.id) ?? null }));
  return {
    catalogs, since,
    gone: changes.filter((c) => c.status === 'gone'),
    ask: catalogs.length === 0 ? await whomToAsk(db) : null,
  };
}
