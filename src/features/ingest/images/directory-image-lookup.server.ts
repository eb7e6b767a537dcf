import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createImageLookup, type ImageLookup } from './image-lookup.ts';

/** An image lookup over a plain folder, for price lists whose images sit beside them on disk. */
export function directoryImageLookup(dir: string): ImageLookup {
  const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => ({ entryName: e.name, path: join(dir, e.name) }));
  return createImageLookup(files);
}
