import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPipelineWorld, csv, meta, type PipelineWorld } from './pipeline-world.ts';
import { BENCH_HEADERS, baseRows } from '../../../bench/import-data.ts';
import { rollBackTo } from '#features/catalogs/rollback-revision.server.ts';
import { discardRevision } from '#features/catalogs/discard-revision.server.ts';

const ROWS = 15_000;

function priceList(rows: number): string {
  let text = BENCH_HEADERS.join(',') + '\n';
  for (const row of baseRows(rows)) text += row.cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
  return text;
}

// One app process reads a large upload in the background while suppliers publish, roll back and
// discard other revisions: the writes take turns (libSQL's lock wait would otherwise stall the
// process and fail one of them), and each ends as it should.
describe('writes while an upload is read', () => {
  let w: PipelineWorld;
  beforeAll(async () => { w = await openPipelineWorld(); });
  afterAll(() => w.close());

  test('publishing, rolling back and discarding other revisions during a long read all succeed', async () => {
    const big = (await w.catalog('Big one')).id;
    const small = (await w.catalog('Small one')).id;
    const v1 = await w.uploadAndRead(small, csv('S-1,One,1.00,S,'), 'v1.csv');
    const v2 = await w.uploadAndRead(small, csv('S-1,One,1.50,S,'), 'v2.csv');
    const v3 = await w.uploadAndRead(small, csv('S-1,One,2.00,S,'), 'v3.csv');
    const id = await w.upload(big, priceList(ROWS), 'big.csv');
    const reading = w.readWaiting();
    // Wait until the reader is in the middle of the file, then work on the other catalog.
    while ((await w.revision(id)).rowsRead === 0) await new Promise((r) => setTimeout(r, 20));
    await w.publish(v1.id);
    await w.publish(v2.id);
    await rollBackTo(w.db, w.acme, v1.id, meta());
    await discardRevision(w.db, w.acme, v3.id, meta());
    await reading;
    expect(await w.revision(id)).toMatchObject({ state: 'ready', itemCount: ROWS });
    expect(await w.liveOf(small)).toBe(v1.id);
    expect((await w.revision(v3.id)).state).toBe('discarded');
  });
});
