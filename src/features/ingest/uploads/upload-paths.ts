import { dirname, join, resolve, sep } from 'node:path';

/**
 * Uploads are kept beside the media folder (data/media → data/uploads) until their revision is
 * published or discarded, so a restart can finish reading them and a new column mapping can
 * read them again. They are never served.
 */
export function uploadsDirOf(mediaDir: string): string {
  return join(dirname(resolve(mediaDir)), 'uploads');
}

/** The file of a stored upload; the database keeps only its name inside the uploads folder. */
export function uploadFilePath(uploadsDir: string, storedName: string): string {
  const path = resolve(uploadsDir, storedName);
  if (!path.startsWith(resolve(uploadsDir) + sep)) throw new Error(`stored upload name "${storedName}" leaves the uploads folder`);
  return path;
}
