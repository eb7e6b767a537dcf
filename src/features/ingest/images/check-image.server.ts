import { basename } from 'node:path';
import sharp from 'sharp';
import { ACCEPTED_IMAGE_TYPES } from './image-lookup.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff';
export type ImageCheck =
  | { ok: true; format: ImageFormat; width: number; height: number }
  | { ok: false; message: string };

/** The same limit the media store applies when it converts the image later. */
export const MAX_IMAGE_PIXELS = 40_000_000;

// Derived from the function: this tsconfig does not expose sharp's type namespace.
type Metadata = Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;

const FORMATS = new Set<string>(['jpeg', 'png', 'webp', 'gif', 'tiff']);

function formatOf(meta: Metadata): ImageFormat | undefined {
  // sharp reports AVIF as "heif" compressed with AV1; HEIC (HEVC) is refused.
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : undefined;
  return meta.format !== undefined && FORMATS.has(meta.format) ? (meta.format as ImageFormat) : undefined;
}

/**
 * Checks an image by its content (sharp reads the header; the file name plays no part): it must
 * be JPEG, PNG, WebP, AVIF, GIF or TIFF, and at most `maxPixels` pixels, so that a small file
 * declaring huge dimensions (an image bomb) is refused before anything decodes it.
 */
export async function checkImage(path: string, options: { fileName?: string; maxPixels?: number } = {}): Promise<ImageCheck> {
  const name = options.fileName ?? basename(path);
  const maxPixels = options.maxPixels ?? MAX_IMAGE_PIXELS;
  const limit = maxPixels >= 1e6 ? `${+(maxPixels / 1e6).toFixed(1)} megapixels` : `${maxPixels} pixels`;
  let meta: Metadata;
  try {
    meta = await sharp(path, { limitInputPixels: maxPixels }).metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      return { ok: false, message: `"${name}" is larger than ${limit}; scale it down (e.g. to 4000 pixels wide) and upload it again.` };
    }
    return { ok: false, message: `"${name}" is not an image we can read; expected a ${ACCEPTED_IMAGE_TYPES} file.` };
  }
  const format = formatOf(meta);
  if (format === undefined) {
    const found = meta.format === 'svg' ? 'an SVG drawing' : `a ${(meta.format ?? 'unknown').toUpperCase()} file`;
    return { ok: false, message: `"${name}" is ${found}; expected a ${ACCEPTED_IMAGE_TYPES} image.` };
  }
  const { width, height } = meta;
  if (!width || !height) return { ok: false, message: `"${name}" has no readable size; it may be damaged.` };
  if (width * height > maxPixels) {
    return { ok: false, message: `"${name}" is ${width}×${height} pixels, larger than ${limit}; scale it down and upload it again.` };
  }
  return { ok: true, format, width, height };
}
