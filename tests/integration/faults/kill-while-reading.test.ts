import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { revisions } from '#db/schema/index.ts';
import {
  api, bySku, liveItems, openFaultWorld, priceListCsv, priceLines, searchDisagreements, until, type FaultWorld, type Line,
} from './fault-world.ts';

const ROWS = 10_000;

// The server killed (or stopped) while it reads an upload: the live revision stays exactly as it
// was, the half-read revision is never visible, and the restarted server reads it again from the
// start once the dead reader's claim has lapsed (processing-lease.ts; the function-level cases of
// the lease, a lost file and the attempt limit are in tests/integration/imports/crash-recovery.test.ts).
describe('the server stopped while it reads an upload', () => {
  let fw: FaultWorld;
  let catalogId: number;
  let live: Line[];

  beforeAll(async () => {
    fw = await openFaultWorld();
    catalogId = (await fw.w.catalog('Read fasteners')).id;
    const first = await fw.w.uploadAndRead(catalogId, priceListCsv(priceLines(500, 1)), 'small.csv');
    await fw.w.publish(first.id);
    live = bySku(priceLines(500, 1));
  }, 60_000);
  afterAll(() => fw?.w.close());

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    test(`${signal}: nothing half-read goes live, and the restarted server finishes the revision`, async () => {
      let server = await fw.start();
      try {
        const res = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions`, {
          method: 'POST', body: priceListCsv(priceLines(ROWS, 2)), headers: { 'content-type': 'text/csv', 'x-file-name': 'big.csv' },
        });
        expect(res.status, server.output.join('')).toBe(202);
        const { revision } = await res.json() as { revision: { id: number } };
        const midway = await until('the server to be reading the upload', async () => {
          const rev = await fw.w.revision(revision.id);
          if (rev.state !== 'processing') throw new Error(`the upload was read before it could be interrupted (${rev.state}); make it bigger`);
          return rev.rowsRead > 0 ? rev : undefined;
        }, 60_000, 10);
        const ended = await server.kill(signal);
        // SIGTERM is a graceful stop: no request is in flight, so it exits with 0 at once,
        // leaving the background read as a crash would.
        if (signal === 'SIGTERM') expect(ended.code).toBe(0);
        else expect(ended.signal).toBe('SIGKILL');

        const stuck = await fw.w.revision(revision.id);
        expect(stuck.state).toBe('processing');
        expect(stuck.rowsRead).toBeGreaterThanOrEqual(midway.rowsRead);
        expect(stuck.rowsRead).toBeLessThan(ROWS);
        expect(await liveItems(fw.w, catalogId)).toEqual(live);
        expect(await searchDisagreements(fw.w, catalogId)).toEqual([]);

        server = await fw.start();
        // The dead reader's claim lasts a minute (another process could still be reading); let that minute pass.
        await fw.w.db.update(revisions).set({ leaseUntil: new Date(Date.now() - 1000).toISOString() }).where(eq(revisions.id, revision.id));
        const done = await until('the restarted server to finish reading', async () => {
          const body = await (await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions/${revision.id}`)).json() as { revision: { state: string } };
          return body.revision.state === 'processing' ? undefined : body.revision;
        }, 90_000, 250);
        expect(done).toMatchObject({ state: 'ready' });
        const rev = await fw.w.revision(revision.id);
        expect(rev).toMatchObject({ state: 'ready', itemCount: ROWS, rowsRead: ROWS, errorCount: 0, processAttempts: 2, leaseUntil: null });
        expect((await fw.w.itemsOf(revision.id)).map((i) => i.sku)).toEqual(priceLines(ROWS, 2).map((l) => l.sku)); // read once, from the start: no row twice
        expect(await liveItems(fw.w, catalogId)).toEqual(live);
        expect(await searchDisagreements(fw.w, catalogId)).toEqual([]);
        await fw.w.discardIt(revision.id);
      } finally {
        await server.kill('SIGKILL');
      }
    }, 150_000);
  }
});
