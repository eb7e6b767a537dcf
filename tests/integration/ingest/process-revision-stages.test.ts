import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openPipelineWorld, csv, type PipelineWorld } from '#tests/integration/imports/pipeline-world.ts';
import { handMadeZip } from '#tests/unit/imports/helpers.ts';

// Faults are injected into the stages' own dependencies: the diff of the new revision, and the
// image check (which lets the test discard the revision while its rows are being stored).
const faults = vi.hoisted(() => ({ diff: false, duringImageCheck: undefined as (() => Promise<void>) | undefined }));

vi.mock('#features/ingest/revisions/diff-revisions.server.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('#features/ingest/revisions/diff-revisions.server.ts')>();
  return {
    ...original,
    summarizeDiff: (...args: Parameters<typeof original.summarizeDiff>) => {
      if (faults.diff) throw new Error('the diff broke');
      return original.summarizeDiff(...args);
    },
  };
});

vi.mock('#features/ingest/images/check-image.server.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('#features/ingest/images/check-image.server.ts')>();
  return {
    ...original,
    checkImage: async (...args: Parameters<typeof original.checkImage>) => {
      await faults.duringImageCheck?.();
      return original.checkImage(...args);
    },
  };
});

describe('the stages of reading a revision', () => {
  let w: PipelineWorld;
  let catalogId: number;
  let liveId: number;

  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Stages')).id;
    const first = await w.uploadAndRead(catalogId, csv('A-1,Anchor,1.00,Anchors,', 'A-2,Bolt,2.00,Bolts,'), 'first.csv');
    await w.publish(first.id);
    liveId = first.id;
  });
  afterAll(() => w.close());

  test('a fault in the last stage (the diff) ends the revision failed with the apology, none of its rows kept, the live revision untouched', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    faults.diff = true;
    try {
      const rev = await w.uploadAndRead(catalogId, csv('A-1,Anchor,1.10,Anchors,', 'A-3,Clamp,3.00,Clamps,'), 'second.csv');
      expect(rev).toMatchObject({ state: 'failed', failureReason: 'The file could not be processed because of an internal error; it has been logged. Please try again or contact us.' });
      expect(await w.itemsOf(rev.id)).toEqual([]);
      expect(await w.problems(rev.id)).toEqual([]);
      expect(logged).toHaveBeenCalledWith(`processRevision ${rev.id}`, expect.objectContaining({ message: 'the diff broke' }));
      expect((await w.audit(`revision ${rev.id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-failed']);
      expect(await w.liveOf(catalogId)).toBe(liveId);
      expect((await w.itemsOf(liveId)).map((i) => i.sku)).toEqual(['A-1', 'A-2']);
    } finally {
      faults.diff = false;
      logged.mockRestore();
    }
  });

  test('a revision discarded while its rows are stored stops there: it stays discarded, keeps its report, holds no items', async () => {
    const list = 'SKU,Name,Price,Image\nB-1,Bolt,1.00,missing.jpg\nB-2,Nut,2.00,nut.jpg\n';
    const zip = handMadeZip([{ name: 'prices.csv', data: Buffer.from(list) }, { name: 'nut.jpg', data: Buffer.from('not really a JPEG'), store: true }]);
    const id = await w.upload(catalogId, zip, 'discarded.zip');
    faults.duringImageCheck = () => w.discardIt(id);
    try {
      await w.readWaiting();
    } finally {
      faults.duringImageCheck = undefined;
    }
    const rev = await w.revision(id);
    expect(rev.state).toBe('discarded');
    expect(await w.itemsOf(id)).toEqual([]);
    expect((await w.problems(id)).map((p) => [p.rowNumber, p.value])).toEqual([[2, 'missing.jpg'], [3, 'nut.jpg']]);
    expect((await w.audit(`revision ${id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-discarded']);
    expect(await w.liveOf(catalogId)).toBe(liveId);
  });
});
