import { variantUrl } from '#features/media/media-paths.ts';

/** An image as stored: its size and the widths of the WebP variants written (media row). */
export interface ImageInfo { hash: string; width: number; height: number; variants: number[] }

export interface ImageSources { src: string; srcset: string; width: number; height: number }

/**
 * `src`, `srcset` and intrinsic size for an <img>: the variants as width candidates, so the
 * browser picks by the `sizes` the page gives and the screen's density. `src` (for browsers
 * without srcset) is the smallest variant at least `fallbackWidth` wide. `maxWidth` leaves out
 * variants a small image never needs (a 4rem thumbnail needs 320 px at most, even at 3×).
 * Width and height keep the aspect ratio, so the page does not jump while images load.
 */
export function imageSources(image: ImageInfo, fallbackWidth: number, maxWidth = Infinity): ImageSources | null {
  const all = [...image.variants].sort((a, b) => a - b);
  const enough = all.findIndex((w) => w >= maxWidth);
  const widths = enough < 0 ? all : all.slice(0, enough + 1);
  const largest = widths[widths.length - 1];
  if (largest === undefined) return null;
  const fallback = widths.find((w) => w >= fallbackWidth) ?? largest;
  return {
    src: variantUrl(image.hash, fallback),
    srcset: widths.map((w) => `${variantUrl(image.hash, w)} ${w}w`).join(', '),
    width: fallback,
    height: Math.max(1, Math.round((image.height * fallback) / image.width)),
  };
}
