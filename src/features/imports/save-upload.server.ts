import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadRefused } from './upload-refused.ts';

/**
 * Streams an upload's bytes to a new file in the uploads folder and returns its stored name.
 * The size limit is enforced while streaming: a declared length over the limit is refused
 * before anything is read, and a body that grows past it is cut off at once and its partial file
 * deleted, so an oversized upload is never read whole nor kept.
 */
export async function saveUpload(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null, uploadsDir: string, maxBytes: number, declaredLength: number | null = null): Promise<{ storedName: string; bytes: number }> {
  if (declaredLength !== null && declaredLength > maxBytes) throw new UploadRefused('too-large', maxBytes);
  if (body === null) throw new UploadRefused('no-file', maxBytes);
  await mkdir(uploadsDir, { recursive: true });
  const storedName = `${randomUUID()}.upload`;
  const partial = join(uploadsDir, `${storedName}.part`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new UploadRefused('too-large', maxBytes) : null, chunk);
    },
  });
  const source = body instanceof ReadableStream ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from(body);
  try {
    await pipeline(source, counter, createWriteStream(partial, { flags: 'wx' }));
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof UploadRefused) throw error;
    // A full or unwritable disk is ours to fix, not the supplier's: logged by the caller.
    if (/^E(NOSPC|DQUOT|ACCES|PERM|ROFS|MFILE|NFILE|EXIST)$/.test(String((error as NodeJS.ErrnoException).code))) throw error;
    throw new UploadRefused('interrupted', maxBytes);
  }
  if (bytes === 0) {
    await rm(partial, { force: true });
    throw new UploadRefused('empty', maxBytes);
  }
  await rename(partial, join(uploadsDir, storedName));
  return { storedName, bytes };
}
