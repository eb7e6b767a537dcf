import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ServerProcess } from '#tests/support/built-server.ts';
import {
  api, bySku, globexView, liveItems, openFaultWorld, pendingOutbox, priceListCsv, priceLines, searchDisagreements, sessionCookie, strayDocuments, until, writeLockProbe,
  type FaultWorld, type Line,
} from './fault-world.ts';

const ITEMS = 6_000;
// When each kill comes after the publish transaction took the write lock, as a share of how long
// that transaction took in this run's setup: spread over it, so the process dies at different
// points inside it, and last after it.
const KILL_AT = [0, 0.35, 0.7, 2];

interface Counts { audit: number; outbox: number }

// Publishing switches the live pointer, the revision states, the embedded search documents, the
// outbox and the audit log in one transaction (makeRevisionLive), after writing the revision's
// search documents ahead in short ones. Killing the server anywhere in them must leave exactly
// the state before it or exactly the state after it, for everything a person sees; the last,
// uninterrupted publish leaves the index holding the live items only.
describe('the server killed while a revision is published', () => {
  let fw: FaultWorld;
  let catalogId: number;
  const lines = new Map<number, Line[]>();
  let buyer: string;
  let publishMs: number;

  const counts = async (): Promise<Counts> => {
    const [row] = await fw.w.db.all<Counts>(sql`SELECT
      (SELECT count(*) FROM audit_events WHERE kind IN ('revision-published', 'revision-rolled-back')) AS audit,
      (SELECT count(*) FROM search_outbox) AS outbox`);
    return row!;
  };
  const stateOf = async (id: number) => (await fw.w.revision(id)).state;

  beforeAll(async () => {
    fw = await openFaultWorld();
    const w = fw.w;
    catalogId = (await w.catalog('Fault fasteners')).id;
    const a = await w.uploadAndRead(catalogId, priceListCsv(priceLines(ITEMS, 1)), 'fasteners-a.csv');
    const started = Date.now();
    await w.publish(a.id);
    publishMs = Date.now() - started;
    const b = await w.uploadAndRead(catalogId, priceListCsv(priceLines(ITEMS, 2)), 'fasteners-b.csv');
    expect(b).toMatchObject({ state: 'ready', itemCount: ITEMS, errorCount: 0 });
    lines.set(a.id, bySku(priceLines(ITEMS, 1)));
    lines.set(b.id, bySku(priceLines(ITEMS, 2)));
    await globexView(w, catalogId, 10);
    buyer = await sessionCookie(w, 'buyer@globex.test');
  }, 120_000);
  afterAll(() => fw?.w.close());

  /** Asserts that every part the publish transaction writes is exactly as before it, or exactly as after it. */
  async function expectWholeOutcome(live: number, target: number, targetState: string, before: Counts): Promise<'before' | 'after'> {
    const now = (await fw.w.liveOf(catalogId))!;
    expect([live, target]).toContain(now);
    const outcome = now === live ? 'before' : 'after';
    const other = now === live ? target : live;
    expect(await liveItems(fw.w, catalogId)).toEqual(lines.get(now));
    expect(await stateOf(now)).toBe('published');
    expect(await stateOf(other)).toBe(outcome === 'before' ? targetState : 'superseded');
    const after = await counts();
    expect(after).toEqual(outcome === 'before' ? before : { audit: before.audit + 1, outbox: before.outbox + 1 });
    // The documents of a revision not live are left until the server starts again, and taken by no search (buyerFindsZephyrine).
    expect(await searchDisagreements(fw.w, catalogId, { writtenAhead: 'allowed' })).toEqual([]);
    return outcome;
  }

  /** What the Globex buyer's search for the word only revision B has finds, through the restarted server. */
  async function buyerFindsZephyrine(server: ServerProcess): Promise<boolean> {
    const res = await fetch(`${server.base}/search?q=zephyrine`, { headers: { cookie: buyer } });
    expect(res.status).toBe(200);
    return (await res.text()).includes('class="search-hit"');
  }

  test('leaves the catalog exactly before or exactly after the publish, each time, and the restarted server agrees', async () => {
    const probe = writeLockProbe(fw.settings.databaseFile);
    const [a, b] = [...lines.keys()] as [number, number];
    const outcomes: string[] = [];
    let server = await fw.start();
    try {
      expect((await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}`)).status).toBe(200); // the token's first use is written now, not during the publish
      for (const [i, share] of KILL_AT.entries()) {
        const killAfter = Math.round(share * publishMs);
        const live = (await fw.w.liveOf(catalogId))!;
        const target = live === a ? b : a;
        const targetState = await stateOf(target);
        const action = targetState === 'ready' ? 'publish' : 'rollback';
        const before = await counts();
        let answered = false;
        const request = api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions/${target}/${action}`, {
          method: 'POST', body: '{}', headers: { 'content-type': 'application/json' },
        }).then((r) => { answered = true; return r.status; }, () => 'no answer' as const);
        await until('the publish transaction to hold the write lock', async () => ((await probe.held()) ? true : answered ? false : undefined), 30_000, 1);
        if (killAfter) await new Promise((r) => setTimeout(r, killAfter));
        // One of the stops is a SIGTERM: the server stops gracefully (it lets the publish in flight
        // finish, for 10 s at most, and exits with 0), so that one ends as after, answered.
        const ended = await server.kill(i === 2 ? 'SIGTERM' : 'SIGKILL');
        if (i === 2) expect(ended.code).toBe(0);
        else expect(ended.signal).toBe('SIGKILL');
        const status = await request;
        const outcome = await expectWholeOutcome(live, target, targetState, before);
        const left = (await strayDocuments(fw.w, catalogId)).length;
        if (status === 200) expect(outcome).toBe('after'); // an answered publish is never lost
        outcomes.push(`${action} killed at +${killAfter} ms: ${outcome}${status === 'no answer' ? '' : ` (answered ${status})`}; ${left} search documents left over`);

        server = await fw.start();
        await until('the search outbox to drain', async () => ((await pendingOutbox(fw.w)) === 0 ? true : undefined), 30_000, 100);
        expect(await buyerFindsZephyrine(server)).toBe((await fw.w.liveOf(catalogId)) === b);
        // The restarted server removes what the killed publish left: the index holds the live items only.
        await until('the restarted server to remove the documents the killed publish left', async () => ((await strayDocuments(fw.w, catalogId)).length === 0 ? true : undefined), 30_000, 100);
        expect(await searchDisagreements(fw.w, catalogId)).toEqual([]);
      }
      // Killed inside the transaction at least once (rolled back), and the states stay usable: a last, uninterrupted switch works.
      expect(outcomes.some((o) => o.includes(': before'))).toBe(true);
      const live = (await fw.w.liveOf(catalogId))!;
      const target = live === a ? b : a;
      const action = (await stateOf(target)) === 'ready' ? 'publish' : 'rollback';
      const res = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions/${target}/${action}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(res.status, server.output.join('')).toBe(200);
      expect(await liveItems(fw.w, catalogId)).toEqual(lines.get(target));
      expect(await searchDisagreements(fw.w, catalogId)).toEqual([]);
      console.log(`publish transaction ≈${publishMs} ms; ${outcomes.join('; ')}`);
    } finally {
      await server.kill('SIGKILL');
      probe.close();
    }
  }, 150_000);
});
