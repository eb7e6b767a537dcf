import { join } from 'node:path';

/** Variant widths written for every image (only those narrower than the original). */
export const VARIANT_WIDTHS = [160, 320, 640, 1280] as const;

const HASH = /^[0-9a-f]{64}$/;
export function isMediaHash(s: string): boolean { return HASH.test(s); }

/** Files fan out by the first two hex digits so no folder grows huge. */
export function variantPath(mediaDir: string, hash: string, width: number): string {
  return join(mediaDir, hash.slice(0, 2), `${hash}-${width}.webp`);
}
export function originalPath(mediaDir: string, hash: string): string {
  return join(mediaDir, hash.slice(0, 2), `${hash}.orig`);
}
/** The public URL of a variant; immutable because the name holds the content hash. */
export function variantUrl(hash: string, width: number): string {
  return `/media/${hash}/${width}.webp`;
}
