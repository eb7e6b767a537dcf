import { existsSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, revisionProblems } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { catalogForSupplier, parseId, revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { RevisionNotFound } from '#features/ingest/revisions/revision-problem.ts';
import { slugify } from '#kernel/slugify.ts';
import { tableExportFile } from './table-export-file.server.ts';
import { writeExportFile, type ExportFile } from './export-file.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { uploadFilePath } from '#features/ingest/uploads/upload-paths.ts';
import { annotateWorkbook } from '#features/ingest/checks/annotate-workbook.server.ts';
import { bmecatDocument, textStream } from './bmecat-export.server.ts';
import { catalogTableExport } from './catalog-table-export.server.ts';
import { mayAnnotate } from '#features/ingest/checks/may-annotate.ts';

export type CatalogExportFormat = 'csv' | 'xlsx' | 'xml';

export function parseCatalogExportFormat(param: string | undefined): CatalogExportFormat | null {
  return param === 'csv' || param === 'xlsx' || param === 'xml' ? param : null;
}

/** What a supplier's (or their system's) catalog download asks, as it crosses to the jobs process. */
export interface LiveCatalogExport { user: SessionUser | null; catalog?: string; format?: string; origin: string; at: string }

/**
 * The live revision of a supplier's own catalog as a file: Vitrine's CSV or XLSX layout, or
 * BMEcat 2005 (format "xml"). Each uploads again as it is, so a supplier can export, edit and
 * upload, and see only their edits in the diff. Null (answered 404) for another supplier's
 * catalog, an unknown format or a catalog with nothing live.
 */
export async function liveCatalogExportFile(db: Db, ask: LiveCatalogExport): Promise<ExportFile | null> {
  const format = parseCatalogExportFormat(ask.format);
  const now = new Date(ask.at);
  let catalog;
  try {
    catalog = await catalogForSupplier(db, ask.user, parseId(ask.catalog));
  } catch (error) {
    if (error instanceof RevisionNotFound) return null;
    throw error;
  }
  if (!format || catalog.liveRevisionId === null) return null;
  const exported = { name: catalog.name, currency: catalog.currency, revisionId: catalog.liveRevisionId };
  if (format !== 'xml') return tableExportFile(await catalogTableExport(db, exported, ask.origin), format, catalog.name, now);
  const [supplier] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, catalog.supplierOrgId)).limit(1);
  const document = bmecatDocument(db, { ...exported, slug: catalog.slug, supplierName: supplier?.name ?? '' }, ask.origin, now);
  return writeExportFile(textStream(document), 'application/xml; charset=utf-8', `${slugify(catalog.name)}-bmecat-2005-${now.toISOString().slice(0, 10)}.xml`);
}

/** What a supplier's annotated-workbook download asks, as it crosses to the jobs process (which has the same uploads folder). */
export interface AnnotatedWorkbookAsk { user: SessionUser | null; revision?: string; uploadsDir: string }

/**
 * How an annotated-workbook download ends. The two expected refusals are answers, not errors:
 * an error's class does not survive the way back from the jobs process (#kernel/off-loop.ts).
 */
export type AnnotatedWorkbook = { file: ExportFile } | { notFound: true } | { problem: string };

/**
 * The supplier's uploaded workbook with its problems marked (see annotateWorkbook), for a ready
 * revision of their own catalog, in a file. Not found when there is no such revision or nothing
 * to mark; a problem (in the supplier's words) when the workbook cannot be marked up (too large, damaged).
 */
export async function annotatedWorkbookFile(db: Db, ask: AnnotatedWorkbookAsk): Promise<AnnotatedWorkbook> {
  let revision;
  try {
    ({ revision } = await revisionForSupplier(db, ask.user, parseId(ask.revision)));
  } catch (error) {
    if (error instanceof RevisionNotFound) return { notFound: true };
    throw error;
  }
  if (!mayAnnotate(revision)) return { notFound: true };
  const path = uploadFilePath(ask.uploadsDir, revision.uploadPath!);
  if (!existsSync(path)) return { notFound: true };
  const problems = await db.select().from(revisionProblems).where(eq(revisionProblems.revisionId, revision.id))
    .orderBy(sql`${revisionProblems.rowNumber} IS NULL`, asc(revisionProblems.rowNumber), asc(revisionProblems.id));
  const skuHeader = Object.entries(revision.columnRoles ?? {}).find(([, role]) => role === 'sku')?.[0] ?? null;
  let body: Buffer;
  try {
    body = await annotateWorkbook({ path, fileName: revision.fileName, sheet: revision.sheet, skuHeader, rowsRead: revision.rowsRead, problems });
  } catch (error) {
    if (error instanceof ImportInputError) return { problem: error.message };
    throw error;
  }
  const base = revision.fileName.replace(/\.(xlsx|zip)$/i, '');
  return { file: await writeExportFile(body, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${slugify(base)}-with-problems.xlsx`) };
}
