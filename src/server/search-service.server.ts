import { getApp } from '#src/app.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { rememberedBuyerScope } from '#features/visibility/remembered-buyer-scope.server.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import type { SearchEngine } from '#features/search/search-port.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { MeilisearchEngine, describeSearchError } from '#features/search/meili-engine.server.ts';
import { FallbackSearchEngine } from '#features/search/fallback-engine.ts';
import { embeddedNeedsRebuild, rebuildEmbeddedIndex } from '#features/search/embedded-documents.server.ts';
import { outboxLag, startOutboxWorker, type OutboxLag } from '#features/search/outbox.server.ts';
import { searchForBuyer, type SearchPageModel } from '#features/search/buyer-search.server.ts';
import { processRole, runsBackgroundWork } from '#kernel/process-role.ts';

interface SearchService { engine: SearchEngine; kind: SearchEngine['kind'] }

let service: Promise<SearchService> | undefined;

/**
 * The process's search engine: Meilisearch when MEILISEARCH_URL is set (with the embedded index
 * as fallback), the embedded engine otherwise. Starting it builds the embedded index once if the
 * database predates it, applies Meilisearch's settings, and starts the outbox sync.
 */
export function getSearchService(): Promise<SearchService> {
  service ??= (async () => {
    const app = await getApp();
    const db = app.database.db;
    if (await embeddedNeedsRebuild(db)) {
      const built = await db.transaction((tx) => rebuildEmbeddedIndex(tx));
      console.log(`search: embedded index built, ${built.documents} documents`);
    }
    const embedded = new EmbeddedSearchEngine(db);
    let engine: SearchEngine = embedded;
    if (app.meilisearch) {
      const meili = new MeilisearchEngine({ url: app.meilisearch.url, apiKey: app.meilisearch.apiKey });
      meili.applySettings().then(
        (n) => console.log(`search: Meilisearch settings applied to ${n} catalog indexes`),
        (e) => console.error(`search: Meilisearch settings not applied at start (the sync applies them to each index it builds): ${describeSearchError(e)}`),
      );
      engine = new FallbackSearchEngine(meili, embedded);
    }
    // Index writes to Meilisearch belong to the process that runs the background work.
    if (runsBackgroundWork()) startOutboxWorker({ db, engine, log: console.error });
    // A serving process of several reads the embedded index ahead of its buyers when it is the
    // engine that answers (behind Meilisearch it is only the fallback; single processes, tests and development do not).
    if (processRole() === 'web' && !app.meilisearch) keepWarm(embedded);
    return { engine, kind: engine.kind };
  })();
  service.catch(() => { service = undefined; });
  return service;
}

/** How often a serving process asks whether the index changed, to read it again before a buyer searches. */
const WARM_EVERY_MS = 2_000;

/** Keeps the embedded engine's per-process state read for the current index, in the background. */
function keepWarm(engine: EmbeddedSearchEngine): void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    engine.warm().catch((e: unknown) => console.error('search: reading the index ahead failed', e)).finally(() => { running = false; });
  };
  tick();
  setInterval(tick, WARM_EVERY_MS).unref();
}

/** Everything the /search page shows for this buyer and URL. */
export async function searchPageFor(user: SessionUser, url: URL, now: Date = new Date()): Promise<SearchPageModel> {
  const [{ database }, { engine }] = await Promise.all([getApp(), getSearchService()]);
  const ctx = await openBrowseContext(database.db, await rememberedBuyerScope(database.db, user.orgId, await changeStamp(database.db), now));
  return searchForBuyer({ db: database.db, engine }, ctx, url);
}

export interface SearchHealth { engine: SearchEngine['kind']; ok: boolean; detail: string; outbox: OutboxLag }

/** For /healthz: which engine answers, whether it does, and how far the external index lags. */
export async function searchHealth(now: Date = new Date()): Promise<SearchHealth> {
  const [{ database }, { engine }] = await Promise.all([getApp(), getSearchService()]);
  const health = await engine.health();
  return { engine: health.engine, ok: health.ok, detail: health.detail, outbox: await outboxLag(database.db, now) };
}
