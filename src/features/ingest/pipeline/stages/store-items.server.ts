import type { ImportProblem } from '../../checks/validate-row.ts';
import { mergeUpdate } from '../merge-update.server.ts';
import { noteProblem, type RevisionInProgress, type StageDeps } from '../revision-in-progress.ts';
import type { MappedUpload } from './map-columns.server.ts';
import type { CheckedRow } from './check-items.ts';
import type { ItemWithImages } from './store-images.server.ts';
import { BATCH, writeBatch } from './write-batch.server.ts';

// Progress is written at least this often, so a slow file (many images) still shows it moving.
const PROGRESS_EVERY_MS = 1000;

/** Hands the problems waiting in the report to a write, which takes them out of the report. */
function takePending(run: RevisionInProgress): ImportProblem[] {
  const problems = run.report.pending;
  run.report.pending = [];
  return problems;
}

/**
 * The store stage: writes the items and the problems in batches as the rows come, so memory
 * stays bounded and the progress moves. An update file named only what changes: every other
 * live item is then carried over. Problems about the whole file come last.
 */
export async function storeItems(deps: StageDeps, run: RevisionInProgress, upload: MappedUpload, rows: AsyncIterable<CheckedRow<ItemWithImages>>): Promise<void> {
  const { db } = deps;
  const { revisionId, report } = run;
  let batch: ItemWithImages[] = [];
  let lastWrite = Date.now();
  for await (const { item } of rows) {
    report.rowsRead++;
    if (item) {
      batch.push(item);
      report.itemCount++;
    }
    if (batch.length >= BATCH || report.pending.length >= BATCH || Date.now() - lastWrite >= PROGRESS_EVERY_MS) {
      await writeBatch(db, revisionId, batch, takePending(run), report.rowsRead, deps.now());
      batch = []; lastWrite = Date.now();
    }
  }
  await writeBatch(db, revisionId, batch, takePending(run), report.rowsRead, deps.now());
  if (upload.update) {
    const merged = await mergeUpdate(db, revisionId, upload.update.liveRevisionId, upload.update.outcome());
    report.itemCount = merged.itemCount;
    merged.problems.forEach((p) => noteProblem(report, p));
  }
  upload.fileProblems?.().forEach((p) => noteProblem(report, p));
  await writeBatch(db, revisionId, [], takePending(run), report.rowsRead, deps.now());
}
