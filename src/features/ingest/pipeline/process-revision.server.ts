import type { ImportDeps, ImportFile, ProcessOutcome } from './revision-in-progress.ts';
import { startRevision } from './stages/start-revision.server.ts';
import { openSource, type OpenedFile } from './stages/open-source.server.ts';
import { mapColumns } from './stages/map-columns.server.ts';
import { checkItems } from './stages/check-items.ts';
import { storeImages } from './stages/store-images.server.ts';
import { storeItems } from './stages/store-items.server.ts';
import { diffRevision } from './stages/diff-revision.server.ts';
import { endInFailure } from './stages/end-in-failure.server.ts';

export type { ImportDeps, ImportFile, ProcessOutcome } from './revision-in-progress.ts';

/**
 * Reads an uploaded price list into a revision, stage by stage: open the file, map its columns,
 * check the rows, store their images, store the items and problems, then diff against the live
 * revision. Ends in `ready` (with report and diff) or `failed` (with a reason); never touches
 * what buyers see. Memory stays bounded: rows flow through the stages and are written in
 * batches as they are read.
 */
export async function processRevision(importDeps: ImportDeps, revisionId: number, file: ImportFile): Promise<ProcessOutcome> {
  const deps = { ...importDeps, now: importDeps.now ?? (() => new Date()) };
  const run = await startRevision(deps, revisionId, file);
  let opened: OpenedFile | undefined;
  try {
    opened = await openSource(deps, run);
    const upload = await mapColumns(deps, run, opened);
    if ('state' in upload) return upload;
    const checked = checkItems(upload.items, upload.columns, run.report);
    const withImages = storeImages(deps, checked, upload.imageLookup, upload.columns.image, run.report);
    await storeItems(deps, run, upload, withImages);
    return await diffRevision(deps, run, upload);
  } catch (error) {
    return await endInFailure(deps, run, error);
  } finally {
    await opened?.source.cleanup();
  }
}
