import type { ImageLookup } from '../images/image-lookup.ts';
import type { ImportProblem, RowValidation } from '../checks/validate-row.ts';

/** One product or line of a catalog file, checked: what the CSV path gets from validateRow. */
export interface CheckedItem extends RowValidation {
  /** The product's ordinal (BMEcat) or the line where the record starts (CIF, CSV). */
  rowNumber: number;
}

/** How the pipeline names the fields in the problems it adds itself (duplicate SKU, GTIN, images, price moves). */
export interface ProblemColumns { sku: string | null; gtin: string | null; image: string | null; price: string | null }

/** What an update file (price update, incremental load) did to the live revision, for the merge step. */
export interface UpdateOutcome {
  /** SKUs the file deletes (CIF incremental "Delete" = T, BMEcat mode="delete"), with the row that says so. */
  deletedSkus: ReadonlyMap<string, number>;
}

/**
 * A catalog file in a standard format, read as checked items. The upload pipeline stores
 * them, checks duplicates and images, and diffs them, exactly as it does for CSV rows. An
 * update file (`update` set) names only what changes: the pipeline then lets the merge step
 * carry every other item of the live revision over (see merge-update.server.ts).
 */
export interface ItemSource {
  /** Stored as the revision's format, e.g. "bmecat-2005", "cif-3.0-incremental", "price-update-csv". */
  format: string;
  items: AsyncIterable<CheckedItem>;
  columns: ProblemColumns;
  imageLookup?: ImageLookup;
  /** Present for files that change the live revision instead of replacing it; read it after `items` is done. */
  update?: { liveRevisionId: number; outcome(): UpdateOutcome };
  /** Problems about the file as a whole, known once `items` is done (e.g. a group map naming unknown groups). */
  fileProblems?(): ImportProblem[];
  /** Closes the file and deletes what was unpacked; call it when done, also after errors. */
  cleanup(): Promise<void>;
}
