import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { openSearchWorld, TOOLS, type SearchWorld } from './search-world.ts';
import { EmbeddedSearchEngine } from '#features/search/embedded-engine.server.ts';
import { MeilisearchEngine } from '#features/search/meili-engine.server.ts';
import { FallbackSearchEngine } from '#features/search/fallback-engine.ts';
import { outboxLag, syncOutboxOnce } from '#features/search/outbox.server.ts';
import { reindexAll } from '#features/search/reindex.server.ts';
import { embeddedNeedsRebuild } from '#features/search/embedded-documents.server.ts';
import { makeRevisionLive, PublishRefused } from '#features/catalogs/publish-revision.server.ts';
import { NO_FILTERS, type SearchEngine } from '#features/search/search-port.ts';

/** A local port nothing listens on: connections to it are refused at once. */
async function refusedUrl(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
  return `http://127.0.0.1:${port}`;
}

describe('search follows publishing', () => {
  let w: SearchWorld;
  let embedded: EmbeddedSearchEngine;
  beforeAll(async () => { w = await openSearchWorld(); embedded = new EmbeddedSearchEngine(w.db); }, 120_000);
  afterAll(() => w.close());

  const find = async (engine: SearchEngine, text: string) => {
    const { scope } = await w.scopeOf('buyer');
    return engine.search({ scope, text, filters: NO_FILTERS, sort: 'relevance', page: 1, pageSize: 50 });
  };
  const skus = (r: Awaited<ReturnType<typeof find>>) => r.hits.map((h) => h.sku.map((p) => p.text).join(''));

  test('a publish changes the embedded index in the same transaction', async () => {
    expect(skus(await find(embedded, 'hammer'))).toEqual(['C-300']);
    const revision = await w.publish(w.ids.tools, [...TOOLS.filter((r) => r[0] !== 'C-300'), ['N-1', 'Rotary hammer 800 W', 'Tools > Drills > Hammer', '149.00', 'Makita']]);
    expect(skus(await find(embedded, 'hammer'))).toEqual(['N-1']);
    const [docs] = await w.db.all<{ n: number; revs: number }>(sql`SELECT count(*) AS n, count(DISTINCT revision_id) AS revs FROM search_fts_documents WHERE catalog_id = ${w.ids.tools}`);
    expect(docs).toEqual({ n: TOOLS.length, revs: 1 });
    expect(revision).toBeGreaterThan(0);
  });

  test('a refused publish leaves the index as it was', async () => {
    const before = await w.db.all(sql`SELECT item_id FROM search_fts_documents ORDER BY item_id`);
    const [live] = await w.db.all<{ id: number }>(sql`SELECT live_revision_id AS id FROM catalogs WHERE id = ${w.ids.tools}`);
    await expect(makeRevisionLive(w.db, live!.id, { id: null, email: null }, new Date())).rejects.toBeInstanceOf(PublishRefused);
    expect(await w.db.all(sql`SELECT item_id FROM search_fts_documents ORDER BY item_id`)).toEqual(before);
  });

  test('a rollback brings the earlier revision back into search', async () => {
    const [old] = await w.db.all<{ id: number }>(sql`SELECT id FROM revisions WHERE catalog_id = ${w.ids.tools} AND state = 'superseded' ORDER BY id DESC LIMIT 1`);
    await makeRevisionLive(w.db, old!.id, { id: null, email: null }, new Date(), 'rollback');
    expect(skus(await find(embedded, 'hammer'))).toEqual(['C-300']);
  });

  test('with the embedded engine the outbox only needs closing', async () => {
    expect((await outboxLag(w.db, new Date())).pending).toBeGreaterThan(0);
    await syncOutboxOnce({ db: w.db, engine: embedded });
    expect(await outboxLag(w.db, new Date())).toEqual({ pending: 0, lagSeconds: 0, failing: 0, lastError: null });
  });

  test('Meilisearch refusing connections: the publish succeeds, the outbox retries with backoff, the lag shows, buyers still search', async () => {
    const meili = new MeilisearchEngine({ url: await refusedUrl(), indexPrefix: 'vitrine_refused' });
    const publishedAt = new Date('2027-03-01T10:00:00Z');
    await w.publish(w.ids.lighting, [['L-10', 'LED floodlight 30 W', 'Outdoor > Floodlights', '39.00', 'Lumen'], ['L-11', 'Cordless work light', 'Outdoor > Work lights', '45.00', 'Lumen']]);
    await w.db.run(sql`UPDATE search_outbox SET created_at = ${publishedAt.toISOString()} WHERE done_at IS NULL`);
    expect(skus(await find(embedded, 'floodlight 30'))).toEqual(['L-10']);

    let now = new Date('2027-03-01T10:00:05Z');
    const lines: string[] = [];
    const deps = { db: w.db, engine: meili, now: () => now, log: (l: string) => lines.push(l) };
    expect(await syncOutboxOnce(deps)).toEqual({ synced: 0, failed: 1 });
    const [row] = await w.db.all<{ attempts: number; next: string; error: string; done: string | null }>(sql`SELECT attempts, next_attempt_at AS next, last_error AS error, done_at AS done FROM search_outbox WHERE done_at IS NULL`);
    expect(row).toMatchObject({ attempts: 1, next: '2027-03-01T10:00:10.000Z', done: null });
    expect(row!.error).toMatch(/Meilisearch/i);
    expect(lines[0]).toMatch(/attempt 1/);

    now = new Date('2027-03-01T10:00:08Z'); // not due yet: nothing is tried
    expect(await syncOutboxOnce(deps)).toEqual({ synced: 0, failed: 0 });
    now = new Date('2027-03-01T10:00:11Z');
    expect(await syncOutboxOnce(deps)).toEqual({ synced: 0, failed: 1 });
    const [second] = await w.db.all<{ attempts: number; next: string }>(sql`SELECT attempts, next_attempt_at AS next FROM search_outbox WHERE done_at IS NULL`);
    expect(second).toEqual({ attempts: 2, next: '2027-03-01T10:00:21.000Z' });

    expect(await outboxLag(w.db, new Date('2027-03-01T10:01:00Z'))).toMatchObject({ pending: 1, lagSeconds: 60, failing: 1 });
    expect((await meili.health()).ok).toBe(false);

    const logged: string[] = [];
    const withFallback = new FallbackSearchEngine(meili, embedded, (l) => logged.push(l));
    expect(skus(await find(withFallback, 'floodlight 30'))).toEqual(['L-10']);
    expect(logged[0]).toMatch(/meilisearch failed, answered by embedded/);
  });

  test('search:reindex rebuilds from libSQL and closes the outbox; with Meilisearch down it says so', async () => {
    const meili = new MeilisearchEngine({ url: await refusedUrl(), indexPrefix: 'vitrine_refused' });
    await expect(reindexAll(w.db, meili)).rejects.toThrow(/Meilisearch|fetch|request/i);
    await w.db.run(sql`DELETE FROM search_fts_documents`);
    expect((await find(embedded, 'cordless')).total).toBe(0);
    const report = await reindexAll(w.db, null);
    expect(report.embedded).toEqual({ catalogs: 3, documents: TOOLS.length + 2 + 1 });
    expect(report.external).toBeNull();
    expect(report.outboxCleared).toBe(1);
    expect(skus(await find(embedded, 'cordless')).sort()).toEqual(['A-100', 'A-101', 'L-11']);
    expect((await outboxLag(w.db, new Date())).pending).toBe(0);
  });

  test('a database that had live catalogs before the search migration is marked for one rebuild', async () => {
    expect(await embeddedNeedsRebuild(w.db)).toBe(false);
    await w.db.run(sql`UPDATE search_fts_state SET value = 1 WHERE key = 'needs_rebuild'`);
    expect(await embeddedNeedsRebuild(w.db)).toBe(true);
    await reindexAll(w.db, null);
    expect(await embeddedNeedsRebuild(w.db)).toBe(false);
  });
});
