import type { Db } from '#db/client.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { choiceOfRole } from '#features/ingest/mapping/column-choice-form.ts';
import { parseRole } from '#features/ingest/mapping/column-role.ts';
import { recognizeHeaders } from '#features/ingest/mapping/recognize-headers.ts';
import { uploadFilePath } from '#features/ingest/uploads/upload-paths.ts';
import { listSheetNames } from '#features/ingest/readers/xlsx-rows.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { parseId, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { revisionAbilities, revisionFacts } from './revision-status.ts';

export interface ColumnRow { index: number; header: string; values: string[]; choice: string; number: number | null }

/**
 * The column-mapping screen: each header of the file with sample values and the field it is read
 * as now (the revision's reading, else the catalog's saved mapping and recognition), plus the
 * sheets of a workbook. Null answers 404.
 */
export async function loadColumnsPage(db: Db, user: SessionUser | null, param: string | undefined, uploadsDir: string) {
  try {
    const ctx = await revisionForSupplier(db, user, parseId(param));
    const { revision, catalog } = ctx;
    const abilities = revisionAbilities(revisionFacts(revision), ctx.supplier.requiresApproval);
    const preview = revision.columnPreview ?? [];
    const recognized = recognizeHeaders(preview.map((c) => c.header), catalog.columnMapping ?? {});
    const columns: ColumnRow[] = preview.map((c, index) => {
      const stored = revision.columnRoles?.[c.header];
      const role = (stored ? parseRole(stored) : undefined) ?? recognized.columns[index]!.role;
      return { index, header: c.header, values: c.values, ...choiceOfRole(role) };
    }).filter((c) => c.header !== '');
    let sheets: string[] = [];
    if (abilities.remap && revision.format === 'xlsx' && revision.uploadPath) {
      sheets = await listSheetNames(uploadFilePath(uploadsDir, revision.uploadPath), { fileName: revision.fileName }).catch((e) => {
        if (e instanceof ImportInputError) return [];
        throw e;
      });
    }
    return { ctx, abilities, columns, sheets, missing: recognized.missing };
  } catch (e) {
    if (e instanceof RevisionNotFound) return null;
    throw e;
  }
}
