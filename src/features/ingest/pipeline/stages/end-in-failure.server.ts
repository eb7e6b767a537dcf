import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items, revisions } from '#db/schema/index.ts';
import { StorageFull } from '#features/media/storage-quota.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { ImportInputError } from '../../checks/import-input-error.ts';
import { failRevision } from '../../revisions/fail-revision.server.ts';
import { retryWhenBusy, withCatalogWrites } from '../../revisions/catalog-writes.ts';
import { RevisionAbandoned } from '../revision-abandoned.ts';
import type { ProcessOutcome, RevisionInProgress, StageDeps } from '../revision-in-progress.ts';

const STORAGE_FULL_REASON = 'The images of this upload could not be stored: our storage for catalog files is full. Nothing was published, and your live catalog is as it was. Please upload the file again later; if it keeps happening, tell us so we can make room.';
const INTERNAL_REASON = 'The file could not be processed because of an internal error; it has been logged. Please try again or contact us.';

/** A discarded revision keeps its report of what was read so far, never half its items. */
async function abandon(db: Db, revisionId: number) {
  await withCatalogWrites(() => retryWhenBusy(() => db.delete(items).where(eq(items.revisionId, revisionId))));
}

/**
 * How a run that stopped with an error ends: a discarded revision is abandoned; otherwise the
 * revision is `failed` with a reason the supplier reads (their file's problem in their words,
 * or an apology when the fault is ours, which is logged).
 */
export async function endInFailure(deps: StageDeps, run: RevisionInProgress, error: unknown): Promise<ProcessOutcome> {
  const { db } = deps;
  const { revisionId } = run;
  if (error instanceof RevisionAbandoned) {
    await abandon(db, revisionId);
    return { state: 'abandoned' };
  }
  const reason = error instanceof ImportInputError ? error.message : error instanceof StorageFull ? STORAGE_FULL_REASON : INTERNAL_REASON;
  if (!(error instanceof ImportInputError)) console.error(`processRevision ${revisionId}`, error);
  // The supplier reads our sentence; what the library itself said is kept for us, since a file
  // called damaged may instead have met a fault of the reader.
  else if (error.cause !== undefined) logger.warn({ revisionId, fileName: error.fileName, cause: String(error.cause) }, 'upload could not be read');
  // Storage full: the kept upload is not offered for re-mapping, so it is released and frees its room.
  if (error instanceof StorageFull) await withCatalogWrites(() => db.update(revisions).set({ columnPreview: null, columnRoles: null }).where(eq(revisions.id, revisionId)));
  await failRevision(db, revisionId, reason, { subject: run.subject });
  return { state: 'failed', reason, needsMapping: false };
}
