import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { openPipelineWorld, csv, type PipelineWorld } from './pipeline-world.ts';

const UPLOAD_LIMIT = 2 * 1024 * 1024;
import { handMadeZip } from '#tests/unit/imports/helpers.ts';
import { media } from '#db/schema/index.ts';
import { saveUpload } from '#features/ingest/uploads/save-upload.server.ts';
import { UploadRefused } from '#features/ingest/uploads/upload-refused.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';

// Each bad upload gets a clear message and leaves the live revision untouched: the catalog
// below has a live revision of two items before every case, and still has it after.
describe('bad input', () => {
  let w: PipelineWorld;
  let catalogId: number;
  let liveId: number;

  beforeAll(async () => {
    w = await openPipelineWorld();
    catalogId = (await w.catalog('Bad input')).id;
    const first = await w.uploadAndRead(catalogId, csv('A-1,Anchor,1.00,Anchors,', 'A-2,Bolt,2.00,Bolts,'), 'first.csv');
    await w.publish(first.id);
    liveId = first.id;
  });
  afterAll(() => w.close());

  async function expectFailed(content: string | Uint8Array, name: string, reason: RegExp | string) {
    const rev = await w.uploadAndRead(catalogId, content, name);
    expect(rev.state).toBe('failed');
    if (typeof reason === 'string') expect(rev.failureReason).toBe(reason);
    else expect(rev.failureReason).toMatch(reason);
    expect(await w.itemsOf(rev.id)).toEqual([]);
    expect(await w.liveOf(catalogId)).toBe(liveId);
    expect((await w.itemsOf(liveId)).map((i) => i.sku)).toEqual(['A-1', 'A-2']);
    expect((await w.audit(`revision ${rev.id}`)).map((e) => e.kind)).toEqual(['revision-uploaded', 'revision-failed']);
    return rev;
  }

  async function refusal(promise: Promise<unknown>): Promise<UploadRefused> {
    try {
      await promise;
    } catch (e) {
      if (e instanceof UploadRefused) return e;
      throw e;
    }
    throw new Error('expected the upload to be refused');
  }

  test('an empty file is refused at upload, before any revision exists', async () => {
    const e = await refusal(saveUpload(Readable.from([Buffer.alloc(0)]), w.uploadsDir, UPLOAD_LIMIT));
    expect([e.status, e.code, e.message]).toEqual([400, 'empty', 'The file is empty (0 bytes). Choose the price list file again.']);
    expect((await readdir(w.uploadsDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  test('a file of empty rows (as Excel exports an empty sheet) is empty too', async () => {
    await expectFailed(';;;\r\n;;;\r\n \r\n', 'blank.csv', '"blank.csv": the file is empty (it has no rows with values).');
  });

  test('a header-only file', async () => {
    await expectFailed('SKU;Name;Price\n', 'header-only.csv', '"header-only.csv": the file has a header row but no data rows.');
  });

  test('a PDF renamed .csv is judged by its content', async () => {
    await expectFailed(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), 'prices.csv', /^"prices\.csv" cannot be read as a price list: it looks like a PDF document/);
  });

  test('a binary file renamed .csv', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).png().toBuffer();
    await expectFailed(png, 'export.csv', /^"export\.csv" cannot be read as a price list: it looks like a PNG image/);
    await expectFailed(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x20, 0x00, 0x99]), 'dump.csv', /^"dump\.csv" cannot be read as a price list/);
  });

  test('unbalanced quotes name the row where the quote opens', async () => {
    await expectFailed('SKU,Name,Price\nQ-1,Good,1.00\nQ-2,"Broken name,2.00\nQ-3,Fine,3.00\n', 'quotes.csv', /^Row 3 of "quotes\.csv" opens a quoted field \(\"\) that is never closed/);
  });

  test('duplicate SKUs are errors: publishing waits for the supplier’s choice of the valid rows', async () => {
    const rev = await w.uploadAndRead(catalogId, csv('D-1,First,1.00,Bolts,', 'D-2,Second,2.00,Bolts,', 'D-1,Again,3.00,Bolts,'), 'dupes.csv');
    expect(rev).toMatchObject({ state: 'ready', itemCount: 2, errorCount: 1, rowsRead: 3 });
    expect((await w.problems(rev.id)).map((p) => [p.severity, p.rowNumber, p.column, p.value, p.message]))
      .toEqual([['error', 4, 'SKU', 'D-1', 'Row 4: SKU D-1 already appears in row 2.']]);
    const refused = await w.publish(rev.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RevisionProblem);
    expect((refused as Error).message).toBe('1 error remains (1 row would be left out). Fix the file and upload it again, or choose to publish only the 2 valid rows.');
    expect(await w.liveOf(catalogId)).toBe(liveId);
    await w.discardIt(rev.id);
  });

  test('a file over the size limit is cut off while streaming, never read whole nor kept', async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    async function* endless() {
      for (let i = 0; i < 1000; i++) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const e = await refusal(saveUpload(endless(), w.uploadsDir, UPLOAD_LIMIT));
    expect([e.status, e.code]).toEqual([413, 'too-large']);
    expect(e.message).toBe('The file is larger than the limit of 2 MB. Split the price list, or send the images in a separate ZIP.');
    expect(pulled).toBeLessThanOrEqual(UPLOAD_LIMIT + 2 * chunk.length);
    expect((await readdir(w.uploadsDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
    // A declared length over the limit is refused before a single byte is read.
    pulled = 0;
    const declared = await refusal(saveUpload(endless(), w.uploadsDir, UPLOAD_LIMIT, UPLOAD_LIMIT + 1));
    expect([declared.code, pulled]).toEqual(['too-large', 0]);
  });

  test('a ZIP whose entry would leave its folder is refused, and nothing is written outside', async () => {
    const zip = handMadeZip([{ name: 'prices.csv', data: Buffer.from(csv('Z-1,Zip,1.00,Z,')) }, { name: '../../escaped.csv', data: Buffer.from('x') }]);
    await expectFailed(zip, 'slip.zip', /^"slip\.zip" was refused: the entry "\.\.\/\.\.\/escaped\.csv" would be unpacked outside its folder/);
    expect(existsSync(join(w.dir, 'escaped.csv'))).toBe(false);
  });

  test('a ZIP bomb is stopped while inflating', async () => {
    const zip = handMadeZip([{ name: 'prices.csv', data: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(zip.length).toBeLessThan(UPLOAD_LIMIT);
    await expectFailed(zip, 'bomb.zip', '"prices.csv" in "bomb.zip" unpacks to more than 200 times its packed size, which only deliberately crafted files ("ZIP bombs") do; the upload was refused.');
  });

  test('an image bomb in a ZIP is refused by the pixel limit; its row is kept without the image, as a warning', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    const fine = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#08c' } }).jpeg().toBuffer();
    const list = 'SKU,Name,Price,Image\nI-1,Huge picture,1.00,bomb.png\nI-2,Normal picture,2.00,ok.jpg\n';
    const zip = handMadeZip([{ name: 'prices.csv', data: Buffer.from(list) }, { name: 'bomb.png', data: bomb, store: true }, { name: 'ok.jpg', data: fine, store: true }]);
    const rev = await w.uploadAndRead(catalogId, zip, 'images.zip');
    expect(rev).toMatchObject({ state: 'ready', format: 'zip', itemCount: 2, errorCount: 0, warningCount: 1 });
    expect((await w.problems(rev.id)).map((p) => [p.rowNumber, p.column, p.value, p.message]))
      .toEqual([[2, 'Image', 'bomb.png', 'Row 2: image "bomb.png" is larger than 40 megapixels; scale it down (e.g. to 4000 pixels wide) and upload it again.']]);
    const [huge, normal] = await w.itemsOf(rev.id);
    expect(huge!.images).toEqual([]);
    expect(normal!.images).toHaveLength(1);
    expect(await w.db.select().from(media).where(eq(media.hash, normal!.images[0]!))).toHaveLength(1);
    expect(await w.db.select().from(media)).toHaveLength(1);
    expect(await w.liveOf(catalogId)).toBe(liveId);
    await w.discardIt(rev.id);
  });

  test('a ZIP without a price list', async () => {
    const picture = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } }).png().toBuffer();
    await expectFailed(handMadeZip([{ name: 'photos/a.png', data: picture }, { name: 'datasheet.pdf', data: Buffer.from('%PDF-1.4\n') }]), 'photos.zip', /^"photos\.zip": the ZIP holds no price list \(\.csv or \.xlsx\)\./);
  });

  test('a damaged ZIP', async () => {
    const zip = handMadeZip([{ name: 'prices.csv', data: Buffer.from(csv('X-1,X,1.00,X,')) }]);
    await expectFailed(zip.subarray(0, zip.length - 30), 'cut.zip', /^"cut\.zip" is damaged or not a ZIP archive we can read/);
  });

  test('a failed upload’s kept file is deleted; nothing half-read remains', async () => {
    expect(await w.liveOf(catalogId)).toBe(liveId);
    const kept = (await readdir(w.uploadsDir)).filter((f) => !f.endsWith('.part'));
    // Only the files of revisions that may still be read again remain (none failed unreadably).
    const failedKept = [];
    for (const name of kept) {
      const rows = await w.database.client.execute({ sql: "SELECT state, column_preview FROM revisions WHERE upload_path = ?", args: [name] });
      if (rows.rows[0]?.state === 'failed' && rows.rows[0]?.column_preview === null) failedKept.push(name);
    }
    expect(failedKept).toEqual([]);
  });
});
