import type { RevisionRow } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { plural, pluralForm } from '#kernel/plural.ts';

const STATE_WORDS: Record<RevisionRow['state'], string> = {
  processing: 'still being read', ready: 'checked', published: 'already live', superseded: 'an earlier live version',
  discarded: 'discarded', failed: 'a file that could not be read',
};


/**
 * Whether a revision may be published, scheduled or submitted: it is checked, has valid rows,
 * and where errors remain the supplier chose to publish only the valid rows (rows with errors
 * are never stored, so those are all the revision holds).
 */
export function checkCanGoLive(revision: RevisionRow, validRowsOnly: boolean): void {
  if (revision.state !== 'ready') throw new RevisionProblem(`This revision is ${STATE_WORDS[revision.state]}; only a checked revision can go live.`);
  if (revision.itemCount === 0) throw new RevisionProblem('No row of this file passed the checks, so there is nothing to publish. Fix the file and upload it again.');
  if (revision.errorCount > 0 && !validRowsOnly && !revision.validRowsOnly) {
    const left = Math.max(revision.rowsRead - revision.itemCount, 0);
    throw new RevisionProblem(
      `${plural(revision.errorCount, 'error')} ${pluralForm(revision.errorCount, 'remains', 'remain')} (${plural(left, 'row')} would be left out). Fix the file and upload it again, or choose to publish only the ${plural(revision.itemCount, 'valid row')}.`,
      { field: 'validRowsOnly' },
    );
  }
}

export function stateWords(state: RevisionRow['state']): string {
  return STATE_WORDS[state];
}
