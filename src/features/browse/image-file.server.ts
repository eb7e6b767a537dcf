import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { media } from '#db/schema/index.ts';
import { isMediaHash, variantPath } from '#features/media/media-paths.ts';

/** "640.webp" → 640; null for anything else. */
export function parseVariantFile(file: string | undefined): number | null {
  const match = /^([1-9]\d{1,4})\.webp$/.exec(file ?? '');
  return match ? Number(match[1]) : null;
}

/** The bytes of one WebP variant, or null when the hash, the width or the file is unknown. */
export async function readImageVariant(db: Db, mediaDir: string, hash: string, width: number): Promise<Buffer | null> {
  if (!isMediaHash(hash)) return null;
  const [row] = await db.select({ variants: media.variants }).from(media).where(eq(media.hash, hash)).limit(1);
  if (!row || !row.variants.includes(width)) return null;
  try {
    return await readFile(variantPath(mediaDir, hash, width));
  } catch (error) {
    console.error(`media variant ${hash}/${width} is recorded but cannot be read`, error);
    return null;
  }
}

/**
 * Headers of a variant: its name holds its content hash, so it never changes and browsers may
 * keep it for a year; "private" because who may see it depends on who asks. A variant is always
 * WebP that sharp wrote, but it began as a supplier's upload: nosniff, a policy that loads and
 * runs nothing (sandboxed, no origin) and a .webp file name keep it an image even when opened
 * on its own, should anything ever get past the conversion.
 */
export function variantHeaders(hash: string, width: number, bytes: number): Headers {
  return new Headers({
    'content-type': 'image/webp',
    'content-length': String(bytes),
    'cache-control': 'private, max-age=31536000, immutable',
    etag: `"${hash.slice(0, 16)}-${width}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    'content-disposition': `inline; filename="${hash}-${width}.webp"`,
  });
}
