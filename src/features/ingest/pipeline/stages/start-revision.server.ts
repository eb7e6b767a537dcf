import { eq } from 'drizzle-orm';
import { catalogs, revisions } from '#db/schema/index.ts';
import { revisionSubject } from '../../revisions/revision-subject.ts';
import type { ImportFile, RevisionInProgress, StageDeps } from '../revision-in-progress.ts';

/** Loads the revision to read and its catalog; a revision that is not `processing` is a caller's mistake. */
export async function startRevision(deps: StageDeps, revisionId: number, file: ImportFile): Promise<RevisionInProgress> {
  const { db } = deps;
  const [rev] = await db.select().from(revisions).where(eq(revisions.id, revisionId)).limit(1);
  if (!rev || rev.state !== 'processing') throw new Error(`revision ${revisionId} is not processing`);
  const [catalog] = await db.select().from(catalogs).where(eq(catalogs.id, rev.catalogId)).limit(1);
  if (!catalog) throw new Error(`catalog ${rev.catalogId} is missing`);
  return {
    revisionId, catalog, file,
    subject: revisionSubject(catalog.slug, revisionId),
    context: { db, catalog, now: deps.now(), mediaDir: deps.mediaDir, ...(file.imageLookup ? { imageLookup: file.imageLookup } : {}) },
    report: { pending: [], rowsRead: 0, itemCount: 0, errorCount: 0, warningCount: 0 },
  };
}
