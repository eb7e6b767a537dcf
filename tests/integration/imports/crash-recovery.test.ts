import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openPipelineWorld, csv, type PipelineWorld } from './pipeline-world.ts';
import { revisions } from '#db/schema/index.ts';
import { baseRows } from '../../../bench/import-data.ts';
import { BENCH_HEADERS } from '../../../bench/import-data.ts';
import { LEASE_MS, MAX_ATTEMPTS } from '#features/ingest/revisions/processing-lease.ts';
import { runWaitingUploads } from '#server/background-jobs.server.ts';
import { uploadFilePath } from '#features/ingest/uploads/upload-paths.ts';

const ROWS = 20_000;
const later = () => new Date(Date.now() + 2 * LEASE_MS);

function priceList(rows: number): string {
  let text = BENCH_HEADERS.join(',') + '\n';
  for (const row of baseRows(rows)) text += row.cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
  return text;
}

/** Starts a reader process and kills it (SIGKILL, as a crash or a power cut would) once it has stored some rows. */
async function crashWhileReading(w: PipelineWorld, revisionId: number): Promise<{ rowsRead: number }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'crash-child.ts'), join(w.dir, 'test.db'), w.mediaDir, w.uploadsDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rev = await w.revision(revisionId);
    if (rev.rowsRead > 0 && rev.rowsRead < ROWS) break;
    if (rev.state !== 'processing' || Date.now() > deadline) throw new Error(`the reader was not caught mid-file (state ${rev.state}, ${rev.rowsRead} rows)`);
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await exited;
  return { rowsRead: (await w.revision(revisionId)).rowsRead };
}

// A crash or restart while a file is read leaves the revision waiting (never half-live): the
// next worker reads it again from the start, or fails it with a reason when it cannot.
describe('a crash while an upload is read', { timeout: 120_000 }, () => {
  let w: PipelineWorld;
  let catalogId: number;
  let liveId: number;
  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Crash test')).id;
    const first = await w.uploadAndRead(catalogId, csv('C-1,Live item,1.00,Live,'), 'live.csv');
    await w.publish(first.id);
    liveId = first.id;
  });
  afterAll(() => w.close());

  test('is resumed by the next worker once the dead one’s claim lapses, and read from the start', async () => {
    const id = await w.upload(catalogId, priceList(ROWS), 'big.csv');
    const { rowsRead } = await crashWhileReading(w, id);
    const stuck = await w.revision(id);
    expect(stuck.state).toBe('processing');
    expect(rowsRead).toBeGreaterThan(0);
    expect((await w.itemsOf(id)).length).toBeGreaterThan(0); // half-written, but never live
    expect(await w.liveOf(catalogId)).toBe(liveId);
    // While the dead worker's claim has not lapsed, nobody takes the revision (it might be alive elsewhere).
    expect(await runWaitingUploads({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir })).toBe(0);
    // After it lapses, the next worker reads the file again from the start.
    expect(await runWaitingUploads({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir, now: later })).toBe(1);
    const done = await w.revision(id);
    expect(done).toMatchObject({ state: 'ready', itemCount: ROWS, rowsRead: ROWS, errorCount: 0, processAttempts: 2, leaseUntil: null });
    expect((await w.itemsOf(id)).length).toBe(ROWS);
    expect(await w.liveOf(catalogId)).toBe(liveId);
    await w.discardIt(id);
  });

  test('fails with a reason when the kept upload is gone', async () => {
    const id = await w.upload(catalogId, priceList(ROWS), 'gone.csv');
    await crashWhileReading(w, id);
    await rm(uploadFilePath(w.uploadsDir, (await w.revision(id)).uploadPath!));
    await runWaitingUploads({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir, now: later });
    const rev = await w.revision(id);
    expect(rev.state).toBe('failed');
    expect(rev.failureReason).toBe('Reading "gone.csv" was interrupted (the server restarted), and the uploaded file is no longer kept. Please upload it again.');
    expect(await w.itemsOf(id)).toEqual([]);
    expect(await w.liveOf(catalogId)).toBe(liveId);
  });

  test(`gives up after ${MAX_ATTEMPTS} interrupted attempts`, async () => {
    const id = await w.upload(catalogId, csv('R-1,Retry,1.00,R,'), 'again.csv');
    await w.db.update(revisions).set({ processAttempts: MAX_ATTEMPTS, leaseUntil: new Date(Date.now() - 1000).toISOString() }).where(eq(revisions.id, id));
    await runWaitingUploads({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir });
    const rev = await w.revision(id);
    expect(rev.state).toBe('failed');
    expect(rev.failureReason).toMatch(/^Reading "again\.csv" was interrupted 3 times \(the server stopped while reading it\), so we gave up\./);
    expect(await w.liveOf(catalogId)).toBe(liveId);
  });
});
