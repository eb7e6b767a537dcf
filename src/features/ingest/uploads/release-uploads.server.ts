import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { revisions } from '#db/schema/index.ts';
import { uploadFilePath } from './upload-paths.ts';
import { releaseStorage } from '#features/media/storage-quota.server.ts';
import { withCatalogWrites } from '../revisions/catalog-writes.ts';

// A stray file (its request died before its revision was written) is removed after this long.
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/**
 * Deletes kept uploads nobody will read again: those of published, superseded and discarded
 * revisions, and of failed ones that cannot be re-mapped (the file itself was unreadable).
 * An upload of a ready revision, or of a failed one waiting for its column mapping, stays.
 */
export async function releaseFinishedUploads(db: Db, uploadsDir: string): Promise<number> {
  const done = await db.select({ id: revisions.id, uploadPath: revisions.uploadPath }).from(revisions).where(and(
    isNotNull(revisions.uploadPath),
    or(inArray(revisions.state, ['published', 'superseded', 'discarded']), and(eq(revisions.state, 'failed'), isNull(revisions.columnPreview))),
  ));
  for (const r of done) {
    const path = uploadFilePath(uploadsDir, r.uploadPath!);
    releaseStorage((await stat(path).catch(() => null))?.size ?? 0);
    await rm(path, { force: true });
    await withCatalogWrites(() => db.update(revisions).set({ uploadPath: null }).where(eq(revisions.id, r.id)));
  }
  return done.length;
}

/** Removes files in the uploads folder that no revision refers to and that are over an hour old. */
export async function removeOrphanUploads(db: Db, uploadsDir: string, now: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(uploadsDir);
  } catch {
    return 0;
  }
  const kept = new Set((await db.select({ p: revisions.uploadPath }).from(revisions).where(isNotNull(revisions.uploadPath))).map((r) => r.p));
  let removed = 0;
  for (const name of names) {
    if (kept.has(name)) continue;
    const path = join(uploadsDir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && now.getTime() - info.mtimeMs > ORPHAN_AGE_MS) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
