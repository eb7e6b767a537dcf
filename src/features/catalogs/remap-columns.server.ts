import { copyFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, items, revisions } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import type { CommandMeta } from './publish-now.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionSubject } from '#features/ingest/revisions/revision-subject.ts';
import { formatRole, parseRole } from '#features/ingest/mapping/column-role.ts';
import { recognizeHeaders } from '#features/ingest/mapping/recognize-headers.ts';
import { uploadFilePath } from '#features/ingest/uploads/upload-paths.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';

const FIELD_NAMES: Record<string, string> = { sku: 'the article number (SKU)', name: 'the product name', price: 'the price' };

/**
 * Checks the supplier's choice of field for each column: every role known, the SKU, name and
 * price each chosen once. Returns the mapping to save (header → role).
 */
export function checkColumnChoice(headers: readonly string[], chosen: Readonly<Record<string, string>>): Record<string, string> {
  // No prototype: a column headed "__proto__" keeps its role like any other.
  const roles: Record<string, string> = Object.create(null);
  for (const header of headers) {
    if (header === '') continue;
    const role = parseRole((Object.hasOwn(chosen, header) ? chosen[header] : undefined) ?? 'attribute');
    if (!role) throw new RevisionProblem(`Choose a field for column "${header}".`, { field: header, status: 400 });
    if (role.field === 'tierPrice' && role.minQty < 2) throw new RevisionProblem(`Column "${header}": a quantity break starts at 2 units or more.`, { field: header, status: 400 });
    roles[header] = formatRole(role);
  }
  const mapping = recognizeHeaders(headers, roles);
  if (mapping.duplicates.length > 0) {
    const d = mapping.duplicates[0]!;
    throw new RevisionProblem(`Columns "${d.sameAs}" and "${d.header}" are both set to ${roles[d.header]}; choose it for one column only.`, { field: d.header, status: 400 });
  }
  if (mapping.missing.length > 0) {
    throw new RevisionProblem(`Choose the column holding ${mapping.missing.map((f) => FIELD_NAMES[f] ?? f).join(', ')}.`, { status: 400 });
  }
  return roles;
}

/**
 * Saves the supplier's column mapping with the catalog (reused for the next upload) and reads the
 * kept upload again with it, and with another sheet of a workbook if one was picked. A failed
 * revision is read again as itself; a checked one is replaced by a new revision (it was already
 * validated, and validated revisions never change), and the old one is discarded.
 */
export async function remapColumns(db: Db, actor: SessionUser, uploadsDir: string, revisionId: number | null, choice: { columns: Record<string, string> | null; sheet: string | null }, meta: CommandMeta): Promise<{ revisionId: number }> {
  const { revision, catalog } = await revisionForSupplier(db, actor, revisionId);
  if (!(revision.state === 'failed' || revision.state === 'ready') || revision.uploadPath === null || revision.columnPreview === null) {
    throw new RevisionProblem('This revision’s file is no longer kept, so it cannot be read again. Upload the file again.');
  }
  const sheetChanged = choice.sheet !== null && choice.sheet !== (revision.sheet ?? null);
  const roles = choice.columns && !sheetChanged ? checkColumnChoice(revision.columnPreview.map((c) => c.header), choice.columns) : null;
  const sheet = choice.sheet ?? revision.sheet;
  const subject = revisionSubject(catalog.slug, revision.id);
  if (roles) {
    await withCatalogWrites(() => db.update(catalogs).set({ columnMapping: { ...(catalog.columnMapping ?? {}), ...roles } }).where(eq(catalogs.id, catalog.id)));
    await recordCatalogEvent(db, { kind: 'column-mapping-saved', actor, ip: meta.ip, at: meta.at, subject, detail: { columns: roles } });
  }
  const reset = {
    state: 'processing' as const, failureReason: null, leaseUntil: null, processAttempts: 0, rowsRead: 0, rowsChecked: 0, itemCount: 0, errorCount: 0,
    warningCount: 0, diffSummary: null, processedAt: null, sheet, approval: 'none' as const, approvalComment: null, scheduledAt: null, scheduledBy: null,
  };
  if (revision.state === 'failed') {
    const done = await withCatalogWrites(() => db.update(revisions).set(reset).where(and(eq(revisions.id, revision.id), eq(revisions.state, 'failed'))));
    if (done.rowsAffected === 0) throw new RevisionProblem('This revision changed meanwhile; reload the page.');
    await recordCatalogEvent(db, { kind: 'revision-reread', actor, ip: meta.ip, at: meta.at, subject, detail: { sheet } });
    return { revisionId: revision.id };
  }
  const storedName = `${randomUUID()}.upload`;
  await copyFile(uploadFilePath(uploadsDir, revision.uploadPath), uploadFilePath(uploadsDir, storedName));
  const created = await withCatalogWrites(() => db.transaction(async (tx) => {
    const done = await tx.update(revisions).set({ state: 'discarded', scheduledAt: null, scheduledBy: null })
      .where(and(eq(revisions.id, revision.id), inArray(revisions.state, ['ready'])));
    if (done.rowsAffected === 0) return null;
    await tx.delete(items).where(eq(items.revisionId, revision.id));
    const [row] = await tx.insert(revisions).values({
      catalogId: catalog.id, number: sql`(SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE catalog_id = ${catalog.id})`, fileName: revision.fileName, format: revision.format, uploadedBy: actor.id, createdAt: meta.at.toISOString(), uploadPath: storedName, ...reset,
    }).returning({ id: revisions.id });
    return row!.id;
  }));
  if (created === null) throw new RevisionProblem('This revision changed meanwhile (it may have gone live); reload the page.');
  await recordCatalogEvent(db, { kind: 'revision-discarded', actor, ip: meta.ip, at: meta.at, subject, detail: { previousState: 'ready', replacedBy: created } });
  await recordCatalogEvent(db, { kind: 'revision-reread', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, created), detail: { from: revision.id, sheet } });
  return { revisionId: created };
}
