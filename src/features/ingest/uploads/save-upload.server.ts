import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadRefused } from './upload-refused.ts';
import { isDiskFull, releaseStorage, reserveStorage, StorageFull } from '#features/media/storage-quota.server.ts';

/**
 * How much of an upload may wait in memory for the disk. With the streams' 16 KiB default every
 * 64 KiB network chunk waited for its own write to finish, one event-loop turn each: on a server
 * busy with buyers' pages a 16 MB price list took minutes to arrive (bench/load). Now what
 * arrived in one turn is written in one go.
 */
const BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Streams an upload's bytes to a new file in the uploads folder and returns its stored name.
 * The size limit is enforced while streaming: a declared length over the limit is refused
 * before anything is read, and a body that grows past it is cut off at once and its partial file
 * deleted, so an oversized upload is never read whole nor kept. The same goes for a full
 * storage (the MEDIA_MAX_BYTES quota, or the disk itself): refused as `no-space`, partial file gone.
 */
export async function saveUpload(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null, uploadsDir: string, maxBytes: number, declaredLength: number | null = null): Promise<{ storedName: string; bytes: number }> {
  if (declaredLength !== null && declaredLength > maxBytes) throw new UploadRefused('too-large', maxBytes);
  if (body === null) throw new UploadRefused('no-file', maxBytes);
  await mkdir(uploadsDir, { recursive: true });
  const storedName = `${randomUUID()}.upload`;
  const partial = join(uploadsDir, `${storedName}.part`);
  let bytes = 0;
  let reserved = 0;
  const counter = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadRefused('too-large', maxBytes));
      reserveStorage(chunk.length).then(() => { reserved += chunk.length; done(null, chunk); }, done);
    },
  });
  const source = body instanceof ReadableStream ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>, { highWaterMark: BUFFER_BYTES }) : Readable.from(body);
  try {
    await pipeline(source, counter, createWriteStream(partial, { flags: 'wx', highWaterMark: BUFFER_BYTES }));
  } catch (error) {
    await rm(partial, { force: true });
    releaseStorage(reserved);
    if (error instanceof UploadRefused) throw error;
    if (error instanceof StorageFull || isDiskFull(error)) {
      console.error(`upload refused, storage full: ${(error as Error).message}`);
      throw new UploadRefused('no-space', maxBytes);
    }
    // An unwritable folder is ours to fix, not the supplier's: logged by the caller.
    if (/^E(ACCES|PERM|ROFS|MFILE|NFILE|EXIST)$/.test(String((error as NodeJS.ErrnoException).code))) throw error;
    throw new UploadRefused('interrupted', maxBytes);
  }
  if (bytes === 0) {
    await rm(partial, { force: true });
    releaseStorage(reserved);
    throw new UploadRefused('empty', maxBytes);
  }
  await rename(partial, join(uploadsDir, storedName));
  return { storedName, bytes };
}
