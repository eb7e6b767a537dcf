import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPipelineWorld, csv, meta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { publishNow } from '#features/catalogs/publish-now.server.ts';
import { cancelSchedule, scheduleRevision } from '#features/catalogs/schedule-revision.server.ts';
import { publishDueSchedules } from '#features/catalogs/publish-due-schedules.server.ts';
import { rollBackTo } from '#features/catalogs/rollback-revision.server.ts';
import { discardRevision } from '#features/catalogs/discard-revision.server.ts';
import { listCatalogRevisions } from '#features/catalogs/revision-history.server.ts';
import { addCatalog } from '#features/catalogs/add-catalog.server.ts';
import { RevisionNotFound, RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { createBackgroundJobs, runWaitingUploads } from '#server/background-jobs.server.ts';
import { catalogForSupplier, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';

const problem = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof RevisionProblem) return e.message;
    throw e;
  }
  throw new Error('expected a RevisionProblem');
};

// Publish now, schedule (and the scheduler), cancel, discard, roll back; each audited, each
// refused with a sentence when it does not apply, and another supplier's revision is not found.
describe('revision lifecycle', () => {
  let w: PipelineWorld;
  let catalogId: number;
  const v1 = csv('L-1,Lamp,10.00,Lamps,', 'L-2,Lamp shade,5.00,Lamps,');
  const v2 = csv('L-1,Lamp,12.00,Lamps,', 'L-3,Bulb,1.00,Bulbs,');
  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await addCatalog(w.db, w.acme, { name: 'Lamps 2028', currency: 'eur' }, meta())).id;
  });
  afterAll(() => w.close());

  test('a catalog is created with a checked name and currency; the same name twice is refused', async () => {
    expect(await problem(addCatalog(w.db, w.acme, { name: 'Lamps 2028', currency: 'EUR' }, meta()))).toBe('You already have a catalog named “Lamps 2028”.');
    expect(await problem(addCatalog(w.db, w.acme, { name: 'Other', currency: 'EURO' }, meta()))).toBe('“EURO” is not a currency code; use the 3-letter ISO code, e.g. EUR, USD or CHF.');
    expect(await problem(addCatalog(w.db, w.acme, { name: 'X', currency: 'EUR' }, meta()))).toBe('Name the catalog with 2 to 120 characters, e.g. “Fasteners 2028”.');
    expect((await w.audit('catalog lamps-2028')).map((e) => e.kind)).toEqual(['catalog-created']);
  });

  test('another supplier finds neither the catalog nor its revisions', async () => {
    const rev = await w.uploadAndRead(catalogId, v1, 'v1.csv');
    await expect(catalogForSupplier(w.db, w.bright, catalogId)).rejects.toBeInstanceOf(RevisionNotFound);
    await expect(revisionForSupplier(w.db, w.bright, rev.id)).rejects.toBeInstanceOf(RevisionNotFound);
    await expect(publishNow(w.db, w.bright, rev.id, { validRowsOnly: false }, meta())).rejects.toBeInstanceOf(RevisionNotFound);
    await expect(discardRevision(w.db, w.bright, rev.id, meta())).rejects.toBeInstanceOf(RevisionNotFound);
    const buyer = await w.user('buyer@globex.test');
    await expect(revisionForSupplier(w.db, buyer, rev.id)).rejects.toBeInstanceOf(RevisionNotFound);
    await w.publish(rev.id);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect(await problem(w.publish(rev.id))).toBe('This revision is already live; only a checked revision can go live.');
  });

  test('a revision is scheduled in UTC; the scheduler makes it live at its time, on behalf of who scheduled it', async () => {
    const live = (await w.liveOf(catalogId))!;
    const rev = await w.uploadAndRead(catalogId, v2, 'v2.csv');
    const now = new Date('2030-01-01T08:00:00Z');
    expect(await problem(scheduleRevision(w.db, w.acme, rev.id, new Date('2029-12-31T23:00:00Z'), { validRowsOnly: false }, meta(now))))
      .toBe('2029-12-31 23:00 UTC has already passed (it is now 2030-01-01 08:00 UTC). Choose a later time, or publish now.');
    const at = new Date('2030-01-01T09:30:00Z');
    await scheduleRevision(w.db, w.acme, rev.id, at, { validRowsOnly: false }, meta(now));
    expect(await w.revision(rev.id)).toMatchObject({ state: 'ready', scheduledAt: at.toISOString(), scheduledBy: w.acme.id });
    expect(await publishDueSchedules(w.db, new Date('2030-01-01T09:29:59Z'))).toEqual([]);
    expect(await w.liveOf(catalogId)).toBe(live);
    expect(await publishDueSchedules(w.db, new Date('2030-01-01T09:30:00Z'))).toEqual([{ revisionId: rev.id, published: true }]);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect(await w.revision(live)).toMatchObject({ state: 'superseded' });
    expect(await w.revision(rev.id)).toMatchObject({ state: 'published', scheduledAt: null, publishedBy: w.acme.id });
    expect((await w.audit(`revision ${rev.id}`)).map((e) => [e.kind, e.actorEmail])).toEqual([
      ['revision-uploaded', 'supplier@acme.test'], ['revision-checked', null], ['revision-scheduled', 'supplier@acme.test'], ['revision-published', 'supplier@acme.test'],
    ]);
  });

  test('the background scheduler reads schedules from the database, so they survive a restart', async () => {
    const rev = await w.uploadAndRead(catalogId, v1, 'v1-again.csv');
    const soon = new Date(Date.now() + 1500);
    await scheduleRevision(w.db, w.acme, rev.id, soon, { validRowsOnly: false }, meta());
    // A "new process": nothing in memory knows the schedule, only the row does.
    const jobs = createBackgroundJobs({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir, pollMs: 200 });
    jobs.schedules.wake();
    const deadline = Date.now() + 15_000;
    while ((await w.liveOf(catalogId)) !== rev.id && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await jobs.stop();
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect(Date.now()).toBeGreaterThanOrEqual(soon.getTime());
  });

  test('two processes reaching the same due schedule switch the live pointer once, without a false alarm', async () => {
    const rev = await w.uploadAndRead(catalogId, v2, 'v2-race.csv');
    await scheduleRevision(w.db, w.acme, rev.id, new Date(Date.now() + 60_000), { validRowsOnly: false }, meta());
    const due = new Date(Date.now() + 120_000);
    const outcomes = (await Promise.all([publishDueSchedules(w.db, due), publishDueSchedules(w.db, due)])).flat();
    expect(outcomes).toEqual([{ revisionId: rev.id, published: true }]);
    expect(await w.liveOf(catalogId)).toBe(rev.id);
    expect((await w.audit(`revision ${rev.id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-checked', 'revision-scheduled', 'revision-published']);
  });

  test('a schedule can be cancelled; the revision stays ready', async () => {
    const live = await w.liveOf(catalogId);
    const rev = await w.uploadAndRead(catalogId, v2, 'v2-again.csv');
    await scheduleRevision(w.db, w.acme, rev.id, new Date(Date.now() + 3_600_000), { validRowsOnly: false }, meta());
    await cancelSchedule(w.db, w.acme, rev.id, meta());
    expect(await w.revision(rev.id)).toMatchObject({ state: 'ready', scheduledAt: null });
    expect(await publishDueSchedules(w.db, new Date(Date.now() + 7_200_000))).toEqual([]);
    expect(await w.liveOf(catalogId)).toBe(live);
    expect(await problem(cancelSchedule(w.db, w.acme, rev.id, meta()))).toBe('This revision is not scheduled.');
    await discardRevision(w.db, w.acme, rev.id, meta());
    expect(await w.revision(rev.id)).toMatchObject({ state: 'discarded' });
    expect(await w.itemsOf(rev.id)).toEqual([]);
    expect(await problem(discardRevision(w.db, w.acme, rev.id, meta()))).toBe('This revision is discarded; only one that was never live can be discarded.');
    expect((await w.audit(`revision ${rev.id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-checked', 'revision-scheduled', 'revision-schedule-cancelled', 'revision-discarded']);
  });

  test('a scheduled revision that can no longer go live loses its schedule, and the log says why', async () => {
    const rev = await w.uploadAndRead(catalogId, csv('E-1,Fine,1.00,E,', 'E-2,Broken,abc,E,'), 'errors.csv');
    await scheduleRevision(w.db, w.acme, rev.id, new Date(Date.now() + 60_000), { validRowsOnly: true }, meta());
    // The supplier's choice was recorded with the schedule; undo it to see the scheduler refuse.
    await w.database.client.execute({ sql: 'UPDATE revisions SET valid_rows_only = 0 WHERE id = ?', args: [rev.id] });
    const outcome = await publishDueSchedules(w.db, new Date(Date.now() + 120_000));
    expect(outcome).toEqual([{ revisionId: rev.id, published: false, reason: 'This revision has 1 error. Fix the file, or choose to publish only the valid rows.' }]);
    expect(await w.revision(rev.id)).toMatchObject({ state: 'ready', scheduledAt: null });
    expect((await w.audit(`revision ${rev.id}`)).map((e) => e.kind)).toContain('revision-schedule-failed');
    await discardRevision(w.db, w.acme, rev.id, meta());
  });

  test('roll back: any earlier published revision is made live again in one step', async () => {
    const history = await listCatalogRevisions(w.db, catalogId);
    const published = history.rows.filter((r) => r.revision.publishedAt !== null).map((r) => r.revision);
    expect(published.map((r) => r.state)).toEqual(['published', 'superseded', 'superseded', 'superseded']);
    const oldest = published.at(-1)!;
    await rollBackTo(w.db, w.acme, oldest.id, meta());
    expect(await w.liveOf(catalogId)).toBe(oldest.id);
    expect((await w.itemsOf(oldest.id)).map((i) => i.sku)).toEqual(['L-1', 'L-2']);
    expect(await w.revision(published[0]!.id)).toMatchObject({ state: 'superseded' });
    expect(await problem(rollBackTo(w.db, w.acme, oldest.id, meta()))).toBe('This revision is already the live one.');
    const discarded = history.rows.find((r) => r.revision.state === 'discarded')!.revision;
    expect(await problem(rollBackTo(w.db, w.acme, discarded.id, meta()))).toBe('Only a revision that was live before can be made live again.');
    expect((await w.audit(`revision ${oldest.id}`)).map((e) => e.kind).at(-1)).toBe('revision-rolled-back');
    await expect(rollBackTo(w.db, w.bright, published[0]!.id, meta())).rejects.toBeInstanceOf(RevisionNotFound);
  });

  test('uploads of published and discarded revisions are deleted; a ready revision keeps its file', async () => {
    const ready = await w.uploadAndRead(catalogId, v2, 'kept.csv');
    await runWaitingUploads({ db: w.db, mediaDir: w.mediaDir, uploadsDir: w.uploadsDir });
    const history = await listCatalogRevisions(w.db, catalogId);
    for (const { revision } of history.rows) {
      if (revision.id === ready.id) expect(revision.uploadPath).not.toBeNull();
      else expect([revision.id, revision.uploadPath]).toEqual([revision.id, null]);
    }
  });
});
