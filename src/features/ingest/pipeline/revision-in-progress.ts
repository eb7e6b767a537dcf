import type { Db } from '#db/client.ts';
import type { CatalogRow } from '../revisions/find-revision.server.ts';
import type { ImportProblem } from '../checks/validate-row.ts';
import type { ImageLookup } from '../images/image-lookup.ts';
import type { ItemSourceOptions } from './open-item-source.server.ts';

export interface ImportDeps { db: Db; mediaDir: string; now?: () => Date }
/** The stages always have a clock: the caller's, or the system's. */
export type StageDeps = Required<ImportDeps>;

export interface ImportFile {
  path: string;
  originalName: string;
  /** Images beside the price list when they did not come in the same ZIP (e.g. the demo seed's folder). */
  imageLookup?: ImageLookup;
  sheet?: string;
}

export type ProcessOutcome =
  | { state: 'ready'; itemCount: number; errorCount: number; warningCount: number }
  | { state: 'failed'; reason: string; needsMapping: boolean }
  /** The revision stopped being `processing` while it was read (the supplier discarded it). */
  | { state: 'abandoned' };

/** The report as it grows: problems not yet written, and the counts the revision ends with. */
export interface ReportSoFar {
  pending: ImportProblem[];
  rowsRead: number;
  itemCount: number;
  errorCount: number;
  warningCount: number;
}

/** What every stage of processRevision is handed: the revision being read, its file, and its report so far. */
export interface RevisionInProgress {
  readonly revisionId: number;
  readonly catalog: CatalogRow;
  /** How the audit log names the revision. */
  readonly subject: string;
  readonly file: ImportFile;
  /** What the format readers are told about the catalog (made once, so all share one clock reading). */
  readonly context: ItemSourceOptions;
  readonly report: ReportSoFar;
}

/** Adds a problem to the report: it waits for the next write, and counts as an error or a warning. */
export function noteProblem(report: ReportSoFar, problem: ImportProblem): void {
  report.pending.push(problem);
  if (problem.severity === 'error') report.errorCount++;
  else report.warningCount++;
}
