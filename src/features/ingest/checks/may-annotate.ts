// Kept apart from the annotation itself so pages can ask without loading exceljs.

/** Beyond this many rows a workbook is not marked up (see annotateWorkbook); the CSV report is offered. */
export const MAX_ANNOTATED_ROWS = 20_000;

/**
 * Whether a revision's upload can come back annotated: a checked workbook (or a ZIP holding
 * one) with problems, still kept (uploads are kept while a revision is ready).
 */
export function mayAnnotate(revision: { format: string; uploadPath: string | null; errorCount: number; warningCount: number; state: string }): boolean {
  return /(^|-)(xlsx|zip)$/.test(revision.format) && revision.uploadPath !== null && revision.errorCount + revision.warningCount > 0 && revision.state === 'ready';
}
