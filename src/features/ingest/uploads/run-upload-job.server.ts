import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs } from '#db/schema/index.ts';
import { revisionSubject } from '../revisions/revision-subject.ts';
import { renewLease, type ClaimedRevision } from '../revisions/claim-revision.server.ts';
import { failRevision } from '../revisions/fail-revision.server.ts';
import { processRevision, type ProcessOutcome } from '../pipeline/process-revision.server.ts';
import { MAX_ATTEMPTS, RENEW_MS } from '../revisions/processing-lease.ts';
import { uploadFilePath } from './upload-paths.ts';

export interface UploadJobDeps { db: Db; mediaDir: string; uploadsDir: string; now: () => Date }

/**
 * Reads one claimed revision from its kept upload. A revision claimed before (its worker
 * stopped: crash, restart) is read again from the start; after MAX_ATTEMPTS starts, or when its
 * file is gone, it fails with a reason instead. Buyers never see any of it until it is published.
 */
export async function runUploadJob(deps: UploadJobDeps, claim: ClaimedRevision): Promise<ProcessOutcome> {
  const { db } = deps;
  const [catalog] = await db.select({ slug: catalogs.slug }).from(catalogs).where(eq(catalogs.id, claim.catalogId)).limit(1);
  const subject = revisionSubject(catalog?.slug ?? String(claim.catalogId), claim.id);
  const give = async (reason: string): Promise<ProcessOutcome> => {
    await failRevision(db, claim.id, reason, { subject, detail: { attempts: claim.processAttempts } });
    return { state: 'failed', reason, needsMapping: false };
  };
  if (claim.processAttempts > MAX_ATTEMPTS) {
    return give(`Reading "${claim.fileName}" was interrupted ${MAX_ATTEMPTS} times (the server stopped while reading it), so we gave up. Check that it is an ordinary price list, or split it into smaller files, and upload it again.`);
  }
  const path = claim.uploadPath ? uploadFilePath(deps.uploadsDir, claim.uploadPath) : null;
  if (!path || !existsSync(path)) {
    return give(`Reading "${claim.fileName}" was interrupted (the server restarted), and the uploaded file is no longer kept. Please upload it again.`);
  }
  const heartbeat = setInterval(() => {
    renewLease(db, claim.id, deps.now()).catch((e) => console.error(`renewing the claim on revision ${claim.id}`, e));
  }, RENEW_MS);
  heartbeat.unref();
  try {
    return await processRevision({ db, mediaDir: deps.mediaDir, now: deps.now }, claim.id, { path, originalName: claim.fileName, ...(claim.sheet ? { sheet: claim.sheet } : {}) });
  } finally {
    clearInterval(heartbeat);
  }
}
