import type { Db } from '#db/client.ts';
import { recordCatalogEvent } from '../revisions/record-catalog-event.server.ts';
import { revisionSubject } from '../revisions/revision-subject.ts';
import { createRevision } from '../revisions/create-revision.server.ts';
import { withCatalogWrites } from '../revisions/catalog-writes.ts';
import type { ReceivedUpload } from './receive-upload.server.ts';

export interface UploadActor { id: number; email: string }

/**
 * Turns a received file into a revision waiting to be read (`processing`, no worker yet) and
 * logs the upload. The background worker (upload-jobs.server.ts) picks it up; buyers see
 * nothing of it until it is published.
 */
export async function startUpload(db: Db, catalog: { id: number; slug: string }, actor: UploadActor, upload: ReceivedUpload, meta: { ip: string | null; at: Date }) {
  const revision = await withCatalogWrites(() => createRevision(db, { catalogId: catalog.id, fileName: upload.fileName, uploadedBy: actor.id, uploadPath: upload.storedName, sheet: upload.sheet }, meta.at));
  await recordCatalogEvent(db, {
    kind: 'revision-uploaded', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id),
    detail: { catalogId: catalog.id, revisionId: revision.id, fileName: upload.fileName, bytes: upload.bytes, ...(upload.sheet ? { sheet: upload.sheet } : {}) },
  });
  return revision;
}
