import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { media } from '#db/schema/index.ts';
import { VARIANT_WIDTHS, originalPath, variantPath } from './media-paths.ts';
import { isDiskFull, releaseStorage, reserveStorage, StorageFull } from './storage-quota.server.ts';

export const MAX_INPUT_PIXELS = 40_000_000;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff', 'heif']);

export interface StoredImage { hash: string; width: number; height: number }

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Stores an image once per content hash: the original kept as uploaded and WebP variants at
 * a few widths. The format is judged by content (sharp), never by the file name, and sharp's
 * pixel limit refuses decompression bombs. Throws an Error with a sentence for the supplier, or
 * StorageFull when the media storage is full (nothing of the image is left on disk then).
 */
export async function storeImage(db: Db, mediaDir: string, input: Buffer, now: Date = new Date()): Promise<StoredImage> {
  const hash = createHash('sha256').update(input).digest('hex');
  const [known] = await db.select().from(media).where(eq(media.hash, hash)).limit(1);
  if (known) return { hash, width: known.width, height: known.height };

  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new Error('is not a readable image (JPEG, PNG, WebP, AVIF, GIF or TIFF expected)');
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new Error(`is a ${meta.format ?? 'unknown'} file, not a JPEG, PNG, WebP, AVIF, GIF or TIFF image`);
  if (!meta.width || !meta.height) throw new Error('has no readable dimensions');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Error(`is ${meta.width}×${meta.height} pixels, above the limit of ${MAX_INPUT_PIXELS / 1e6} megapixels`);

  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < meta.width!);
  widths.push(Math.min(meta.width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!));
  const unique = [...new Set(widths)].sort((a, b) => a - b);
  let files: Array<{ path: string; data: Buffer }>;
  try {
    files = [];
    for (const w of unique) {
      const out = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().resize({ width: w, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
      files.push({ path: variantPath(mediaDir, hash, w), data: out });
    }
    files.push({ path: originalPath(mediaDir, hash), data: input });
  } catch {
    throw new Error('could not be converted (the file may be damaged)');
  }
  // Room for all of it first, and no half set of variants left behind when the disk fills anyway.
  const bytes = files.reduce((n, f) => n + f.data.length, 0);
  await reserveStorage(bytes);
  const written: string[] = [];
  try {
    for (const f of files) {
      await writeAtomically(f.path, f.data);
      written.push(f.path);
    }
  } catch (e) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    releaseStorage(bytes);
    if (isDiskFull(e)) throw new StorageFull(`the disk is full while writing media (${(e as Error).message})`);
    console.error(`storing image ${hash} failed`, e);
    throw new Error('could not be stored because of a problem on our side (it has been logged)');
  }
  await db.insert(media).values({ hash, mime: `image/${meta.format}`, width: meta.width, height: meta.height, bytes: input.length, variants: unique, createdAt: now.toISOString() }).onConflictDoNothing();
  return { hash, width: meta.width, height: meta.height };
}

export async function storeImageFile(db: Db, mediaDir: string, path: string, now?: Date): Promise<StoredImage> {
  return storeImage(db, mediaDir, await readFile(path), now);
}
