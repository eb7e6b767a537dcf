import { afterAll, beforeAll, describe } from 'vitest';
import { searchContract } from './search-contract.ts';
import { openSearchWorld, type SearchWorld } from './search-world.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { MeilisearchEngine } from '#features/search/meili-engine.server.ts';
import { syncOutboxOnce } from '#features/search/outbox.server.ts';

// One contract, two engines. The embedded engine always runs; Meilisearch only where a server
// is reachable (MEILISEARCH_URL, optional MEILISEARCH_API_KEY), since none can be installed here.
let world: SearchWorld;
beforeAll(async () => { world = await openSearchWorld(); }, 120_000);
afterAll(() => world?.close());

describe('embedded engine (SQLite FTS5)', () => {
  searchContract(() => world, async (w) => new EmbeddedSearchEngine(w.db));
});

const MEILI_URL = process.env.MEILISEARCH_URL;
describe.skipIf(!MEILI_URL)('Meilisearch engine (skipped: MEILISEARCH_URL is not set, and no Meilisearch server can be installed on this machine)', () => {
  let meili: MeilisearchEngine;
  searchContract(() => world, async (w) => {
    meili = new MeilisearchEngine({ url: MEILI_URL!, apiKey: process.env.MEILISEARCH_API_KEY, indexPrefix: `vitrine_test_${process.pid}_${Date.now()}` });
    // Filled the way production fills it: the outbox rows the publishes wrote.
    const sync = await syncOutboxOnce({ db: w.db, engine: meili });
    if (sync.failed) throw new Error('Meilisearch sync failed; see the outbox last_error');
    return meili;
  });
  afterAll(async () => { await meili?.dropIndexesExcept(new Set()); });
});
