import { inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { media } from '#db/schema/index.ts';
import type { ImageInfo } from './image-sources.ts';

/** The stored images among `hashes` (one query for a page of items). */
export async function loadImages(db: Db, hashes: Iterable<string>): Promise<Map<string, ImageInfo>> {
  const wanted = [...new Set(hashes)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ hash: media.hash, width: media.width, height: media.height, variants: media.variants }).from(media).where(inArray(media.hash, wanted));
  return new Map(rows.map((r) => [r.hash, r]));
}
