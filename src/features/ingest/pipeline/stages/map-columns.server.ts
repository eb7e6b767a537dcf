import { eq } from 'drizzle-orm';
import { revisions } from '#db/schema/index.ts';
import type { RowSource } from '../../readers/row-source.server.ts';
import { recognizeHeaders, sampleValues, toSavedMapping, type HeaderMapping } from '../../mapping/recognize-headers.ts';
import { withStoredImages } from '../../images/stored-image-lookup.server.ts';
import { failRevision } from '../../revisions/fail-revision.server.ts';
import type { ItemSource } from '../item-source.ts';
import { isPriceUpdateMapping, priceListUpdateSource } from '../price-list-update.server.ts';
import { checkedRows, mappedColumns } from '../table-items.ts';
import { noteProblem, type ProcessOutcome, type RevisionInProgress, type StageDeps } from '../revision-in-progress.ts';
import type { OpenedFile } from './open-source.server.ts';

/** The file as checked items, whatever its format: what the check stage reads. */
export type MappedUpload = Omit<ItemSource, 'cleanup'>;

const FIELD_WORDS: Record<string, string> = { sku: 'article number (SKU)', name: 'product name', price: 'price' };
const fieldWords = (field: string) => FIELD_WORDS[field] ?? field;

/** Columns that look like a field another column already holds are kept as attributes, and the report says so. */
function noteDuplicateColumns(run: RevisionInProgress, mapping: HeaderMapping, headerRowNumber: number): void {
  for (const d of mapping.duplicates) {
    noteProblem(run.report, {
      severity: 'warning', rowNumber: headerRowNumber, column: d.header, value: d.header, expected: 'one column per field',
      message: `Column "${d.header}" looks like the same field as column "${d.sameAs}", so it was kept as an attribute; change the column mapping if that is wrong.`,
    });
  }
}

/**
 * A table's columns mapped to item fields. The headers with sample values and how each column is
 * read stay with the revision: the report shows them, and the supplier may change the mapping and
 * read the file again. A table with only SKU and price columns is a price update of the live revision.
 */
async function mapTable(deps: StageDeps, run: RevisionInProgress, table: RowSource): Promise<MappedUpload | ProcessOutcome> {
  const { db } = deps;
  const { revisionId, catalog, file } = run;
  const mapping = recognizeHeaders(table.headers, catalog.columnMapping ?? {});
  const preview = sampleValues(table.headers, table.preview.map((r) => r.cells)).map(({ header, values }) => ({ header, values }));
  const priceUpdate = isPriceUpdateMapping(mapping) ? priceListUpdateSource(table, mapping, file.originalName, run.context) : null;
  await db.update(revisions).set({ format: priceUpdate?.format ?? table.kind, columnPreview: preview, columnRoles: toSavedMapping(mapping) }).where(eq(revisions.id, revisionId));
  if (!priceUpdate && mapping.missing.length > 0) {
    const reason = `Some columns were not recognized: no column holds the ${mapping.missing.map(fieldWords).join(', ')}. Choose the field of each column.`;
    await failRevision(db, revisionId, reason, { subject: run.subject, detail: { needsMapping: true } });
    return { state: 'failed', reason, needsMapping: true };
  }
  const imageLookup = await withStoredImages(db, deps.mediaDir, catalog.liveRevisionId, table.imageLookup ?? file.imageLookup);
  noteDuplicateColumns(run, mapping, table.headerRowNumber);
  return priceUpdate ?? { format: table.kind, items: checkedRows(table.rows, mapping, catalog.currency), columns: mappedColumns(mapping), ...(imageLookup ? { imageLookup } : {}) };
}

/**
 * The map stage: the opened file as checked items, its format recorded on the revision. Ends the
 * revision `failed` (needing a mapping) when a table lacks a column the items cannot do without.
 */
export async function mapColumns(deps: StageDeps, run: RevisionInProgress, opened: OpenedFile): Promise<MappedUpload | ProcessOutcome> {
  if (opened.kind === 'table') return mapTable(deps, run, opened.source);
  const { source } = opened;
  await deps.db.update(revisions).set({ format: source.format, columnPreview: null, columnRoles: null }).where(eq(revisions.id, run.revisionId));
  return source;
}
