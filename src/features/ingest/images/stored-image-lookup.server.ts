import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { ImageLookup, ImageMatch } from './image-lookup.ts';
import { originalPath } from '#features/media/media-paths.ts';
import { mediaHashOf } from './media-reference.ts';

/**
 * An image lookup that also finds images Vitrine already stores, by the addresses its exports
 * write ("…/media/<hash>/1280.webp"), so an exported catalog can be edited and uploaded again
 * without its images. Only images of the catalog's live revision are found this way: a
 * supplier cannot pull in another catalog's image by guessing its address. Other names go to
 * `inner` (the ZIP's images), as before.
 */
export async function withStoredImages(db: Db, mediaDir: string, liveRevisionId: number | null, inner: ImageLookup | undefined): Promise<ImageLookup | undefined> {
  if (liveRevisionId === null) return inner;
  const stored = new Set((await db.all<{ hash: string }>(sql`
    SELECT DISTINCT j.value AS hash FROM items i, json_each(i.images) j WHERE i.revision_id = ${liveRevisionId}`)).map((r) => r.hash));
  if (stored.size === 0) return inner;
  return {
    size: (inner?.size ?? 0) + stored.size,
    find(name: string): ImageMatch {
      const hash = mediaHashOf(name);
      if (hash === null) return inner ? inner.find(name) : { found: false, reason: `"${name}" was not delivered: upload a ZIP holding the price list and its images.` };
      const path = originalPath(mediaDir, hash);
      if (stored.has(hash) && existsSync(path)) return { found: true, path, entryName: name };
      return { found: false, reason: `"${name}" is the address of an image this catalog does not have; put the image file in the ZIP instead.` };
    },
  };
}
