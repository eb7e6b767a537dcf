import { isMediaHash } from '#features/media/media-paths.ts';

// Vitrine's own image URLs: /media/<sha-256 of the original>/<width>.webp, with or without the host.
const MEDIA_URL = /(?:^|\/)media\/([0-9a-f]{64})(?:\/|$)/;

/**
 * The content hash in a reference to an image Vitrine already stores, as exports write them
 * (e.g. "https://vitrine.example/media/3f…9a/1280.webp"), or null for any other name. This is
 * what lets an exported file be uploaded again without sending its images along.
 */
export function mediaHashOf(reference: string): string | null {
  const hash = MEDIA_URL.exec(reference.trim())?.[1] ?? null;
  return hash !== null && isMediaHash(hash) ? hash : null;
}

/** The reference an export writes for a stored image: its largest variant's URL. */
export function mediaReference(origin: string, hash: string, width: number): string {
  return `${origin.replace(/\/+$/, '')}/media/${hash}/${width}.webp`;
}

/** Whether an image name is a web address (which Vitrine does not download). */
export function isWebAddress(name: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(name.trim());
}
