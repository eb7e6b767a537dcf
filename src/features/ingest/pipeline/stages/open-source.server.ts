import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items, revisionProblems, revisions } from '#db/schema/index.ts';
import { openRowSource, type RowSource } from '../../readers/row-source.server.ts';
import { leaseUntil } from '../../revisions/processing-lease.ts';
import { retryWhenBusy, withCatalogWrites } from '../../revisions/catalog-writes.ts';
import type { ItemSource } from '../item-source.ts';
import { openItemSource } from '../open-item-source.server.ts';
import type { RevisionInProgress, StageDeps } from '../revision-in-progress.ts';

/** The upload opened: a standard-format catalog read as checked items, or a table read as rows. */
export type OpenedFile = { kind: 'items'; source: ItemSource } | { kind: 'table'; source: RowSource };

/** Removes what an earlier run of this revision wrote (interrupted, or before a new mapping), so this run starts clean. */
async function clearRows(db: Db, revisionId: number, now: Date) {
  await withCatalogWrites(() => retryWhenBusy(() => db.batch([
    db.delete(items).where(eq(items.revisionId, revisionId)),
    db.delete(revisionProblems).where(eq(revisionProblems.revisionId, revisionId)),
    db.update(revisions).set({ rowsRead: 0, rowsChecked: 0, columnPreview: null, columnRoles: null, leaseUntil: leaseUntil(now) }).where(eq(revisions.id, revisionId)),
  ])));
}

/**
 * The open stage: starts the run clean and opens the file. BMEcat, Ariba CIF (or a ZIP holding
 * one) are read into checked items by their readers; anything else is a table of rows.
 */
export async function openSource(deps: StageDeps, run: RevisionInProgress): Promise<OpenedFile> {
  await clearRows(deps.db, run.revisionId, deps.now());
  const { file } = run;
  const formatted = await openItemSource(file.path, file.originalName, run.context);
  if (formatted) return { kind: 'items', source: formatted };
  return { kind: 'table', source: await openRowSource(file.path, file.originalName, file.sheet ? { sheet: file.sheet } : {}) };
}
