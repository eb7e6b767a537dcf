import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { storeImage } from '#features/media/store-image.server.ts';
import { StorageFull } from '#features/media/storage-quota.server.ts';
import { variantPath } from '#features/media/media-paths.ts';
import { refusalMessage } from '#features/ingest/uploads/upload-refused.ts';
import type { ServerProcess } from '#tests/support/built-server.ts';
import { api, bySku, liveItems, openFaultWorld, priceListCsv, priceLines, sessionCookie, until, type FaultWorld, type Line } from './fault-world.ts';

/** Every file under `dir`, recursively, relative paths. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
const bytesUnder = (dir: string) => filesUnder(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

/** A photo-like JPEG that compresses badly (noise), so its variants take real room. */
async function noisePhoto(size: number): Promise<Buffer> {
  return sharp(randomBytes(size * size * 3), { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

// The storage filling up while a supplier uploads (MEDIA_MAX_BYTES, a quota on the media and
// uploads folders; a real full disk gives the same answers): a clear refusal that says nothing
// changed, no partial file left, the live revision untouched, and the server keeps serving.
describe('the storage full during an upload', () => {
  let fw: FaultWorld;
  let server: ServerProcess;
  let catalogId: number;
  let live: Line[];
  let zip: Buffer;
  const revisionCount = async () => (await fw.w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM revisions`))[0]!.n;
  const uploadsDir = () => fw.w.uploadsDir;

  beforeAll(async () => {
    fw = await openFaultWorld();
    catalogId = (await fw.w.catalog('Storage fasteners')).id;
    const first = await fw.w.uploadAndRead(catalogId, priceListCsv(priceLines(3, 1)), 'live.csv');
    await fw.w.publish(first.id);
    await fw.w.readWaiting(); // releases the published revision's kept upload
    live = bySku(priceLines(3, 1));
    const archive = new JSZip();
    archive.file('prices.csv', 'SKU,Name,Price,Category,Image\nIMG-1,Photo bolt,1.00,Bolts,one.jpg\nIMG-2,Photo nut,2.00,Nuts,two.jpg\n');
    archive.file('one.jpg', await noisePhoto(400));
    archive.file('two.jpg', await noisePhoto(400));
    zip = await archive.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    // Room for the ZIP itself and a little more, not for its images' variants.
    const quota = bytesUnder(fw.w.mediaDir) + bytesUnder(uploadsDir()) + zip.length + 16 * 1024;
    server = await fw.start({ mediaMaxBytes: quota });
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    fw?.w.close();
  });

  async function expectNothingChanged(revisionsBefore: number) {
    expect(await revisionCount()).toBe(revisionsBefore);
    expect(filesUnder(uploadsDir())).toEqual([]); // no partial file
    expect(await liveItems(fw.w, catalogId)).toEqual(live);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  }

  test('an API upload larger than the room left is refused with 507 and a sentence, and nothing is kept', async () => {
    const before = await revisionCount();
    const res = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions`, {
      method: 'POST', body: priceListCsv(priceLines(20_000, 2)), headers: { 'content-type': 'text/csv', 'x-file-name': 'big.csv' },
    });
    expect(res.status, server.output.join('')).toBe(507);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: 'no-space', message: refusalMessage('no-space', 0) });
    expect(body.error.message).toMatch(/storage .* is full\. Nothing was changed, and your live catalog is as it was\. Please try again later/);
    await expectNothingChanged(before);
  });

  test('the same through the upload form: the catalog page tells the supplier', async () => {
    const before = await revisionCount();
    const cookie = await sessionCookie(fw.w, 'supplier@acme.test');
    const form = new FormData();
    form.set('file', new Blob([priceListCsv(priceLines(20_000, 2))], { type: 'text/csv' }), 'big.csv');
    const res = await fetch(`${server.base}/supplier/catalogs/${catalogId}/upload`, { method: 'POST', body: form, headers: { cookie, origin: server.base }, redirect: 'manual' });
    expect(res.status).toBe(303);
    const page = await fetch(new URL(res.headers.get('location')!, server.base), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('our storage for catalog files is full. Nothing was changed, and your live catalog is as it was.');
    await expectNothingChanged(before);
  });

  test('a ZIP whose images do not fit fails with a reason, leaves no image file behind, and the next small upload works', async () => {
    const mediaBefore = filesUnder(fw.w.mediaDir);
    const res = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions`, {
      method: 'POST', body: new Uint8Array(zip), headers: { 'content-type': 'application/zip', 'x-file-name': 'with-photos.zip' },
    });
    expect(res.status, server.output.join('')).toBe(202);
    const { revision } = await res.json() as { revision: { id: number } };
    const failed = await until('the upload to be read', async () => {
      const rev = await fw.w.revision(revision.id);
      return rev.state === 'processing' ? undefined : rev;
    });
    expect(failed.state).toBe('failed');
    expect(failed.failureReason).toBe('The images of this upload could not be stored: our storage for catalog files is full. Nothing was published, and your live catalog is as it was. Please upload the file again later; if it keeps happening, tell us so we can make room.');
    expect(await fw.w.itemsOf(revision.id)).toEqual([]);
    expect(filesUnder(fw.w.mediaDir)).toEqual(mediaBefore);
    await until('the failed upload’s file to be released', async () => (filesUnder(uploadsDir()).length === 0 ? true : undefined), 30_000, 200);
    expect(await liveItems(fw.w, catalogId)).toEqual(live);

    const small = await api(server.base, fw.acmeToken, `/api/v1/catalogs/${catalogId}/revisions`, {
      method: 'POST', body: priceListCsv(priceLines(3, 2)), headers: { 'content-type': 'text/csv', 'x-file-name': 'small.csv' },
    });
    expect(small.status).toBe(202);
    const id = ((await small.json()) as { revision: { id: number } }).revision.id;
    expect((await until('the small upload to be read', async () => {
      const rev = await fw.w.revision(id);
      return rev.state === 'processing' ? undefined : rev;
    })).state).toBe('ready');
  }, 120_000);

  test('a disk that fills up while an image is written (ENOSPC) leaves none of its files, and says the storage is full', async () => {
    const input = await noisePhoto(700);
    const hash = createHash('sha256').update(input).digest('hex');
    const dir = join(fw.w.dir, 'enospc-media');
    // The third variant's temporary file is /dev/full: the kernel answers ENOSPC on write, after two variants were written.
    const third = variantPath(dir, hash, 640);
    await import('node:fs/promises').then((fs) => fs.mkdir(join(third, '..'), { recursive: true }));
    symlinkSync('/dev/full', `${third}.${process.pid}.tmp`);
    await expect(storeImage(fw.w.db, dir, input)).rejects.toBeInstanceOf(StorageFull);
    expect(filesUnder(dir)).toEqual([]);
    expect(await fw.w.db.all(sql`SELECT hash FROM media WHERE hash = ${hash}`)).toEqual([]);
  });
});
