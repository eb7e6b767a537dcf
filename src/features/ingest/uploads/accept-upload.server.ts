import type { Db } from '#db/client.ts';
import type { CatalogRow } from '../revisions/find-revision.server.ts';
import { receiveUpload } from './receive-upload.server.ts';
import { startUpload, type UploadActor } from './start-upload.server.ts';

export interface UploadDeps { db: Db; uploadsDir: string; uploadMaxBytes: number }

/**
 * An upload request from the browser or the API: the file is received into the uploads folder
 * (UploadRefused when it is too large, empty or missing), becomes a revision waiting to be read,
 * ready for the background reader (the caller wakes it). Returns the new revision.
 */
export async function acceptUpload(deps: UploadDeps, catalog: CatalogRow, actor: UploadActor, request: Request, meta: { ip: string | null; at: Date }) {
  const received = await receiveUpload(request, deps.uploadsDir, deps.uploadMaxBytes);
  const revision = await startUpload(deps.db, catalog, actor, received, meta);
  return revision;
}
