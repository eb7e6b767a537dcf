import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, items, revisionProblems, revisions } from '#db/schema/index.ts';
import { openRowSource, type RowSource } from '../readers/row-source.server.ts';
import { recognizeHeaders, sampleValues, toSavedMapping, type HeaderMapping } from '../mapping/recognize-headers.ts';
import type { ImportProblem, ItemDraft } from '../checks/validate-row.ts';
import { ImportInputError } from '../checks/import-input-error.ts';
import type { ImageLookup } from '../images/image-lookup.ts';
import { checkImage } from '../images/check-image.server.ts';
import { storeImageFile } from '#features/media/store-image.server.ts';
import { StorageFull } from '#features/media/storage-quota.server.ts';
import { summarizeDiff } from '../revisions/diff-revisions.server.ts';
import { priceMoveWarnings } from '../checks/price-move-warnings.server.ts';
import { recordCatalogEvent } from '../revisions/record-catalog-event.server.ts';
import { revisionSubject } from '../revisions/revision-subject.ts';
import { failRevision } from '../revisions/fail-revision.server.ts';
import { leaseUntil } from '../revisions/processing-lease.ts';
import { retryWhenBusy, withCatalogWrites } from '../revisions/catalog-writes.ts';
import type { ItemSource } from './item-source.ts';
import { openItemSource } from './open-item-source.server.ts';
import { isPriceUpdateMapping, priceListUpdateSource } from './price-list-update.server.ts';
import { checkedRows, mappedColumns } from './table-items.ts';
import { withStoredImages } from '../images/stored-image-lookup.server.ts';
import { mergeUpdate } from './merge-update.server.ts';

export interface ImportDeps { db: Db; mediaDir: string; now?: () => Date }
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

const BATCH = 500;
// Progress is written at least this often, so a slow file (many images) still shows it moving.
const PROGRESS_EVERY_MS = 1000;

/** Thrown inside the read loop when the revision was discarded meanwhile: the work stops. */
class RevisionAbandoned extends Error {}

function sortedAttributes(a: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(a).sort(([x], [y]) => x.localeCompare(y)));
}

/**
 * Writes one batch of items and problems with the progress counters, atomically, in one call
 * that holds the database lock only while it runs (see catalog-writes.ts). Stops the work
 * (RevisionAbandoned) when the revision is no longer processing; what the batch wrote for it
 * then is removed by abandon().
 */
async function flush(db: Db, revisionId: number, batch: Array<ItemDraft & { imageHashes: string[] }>, problems: ImportProblem[], rowsRead: number, now: Date) {
  const itemRows = batch.map((d) => ({
    revisionId, rowNumber: d.rowNumber, sku: d.sku, name: d.name, description: d.description, categoryPath: d.categoryPath, unit: d.unit,
    priceMinor: d.priceMinor, tiers: d.tiers, minOrderQty: d.minOrderQty, gtin: d.gtin, manufacturer: d.manufacturer, mpn: d.mpn,
    attributes: sortedAttributes(d.attributes), images: d.imageHashes,
  }));
  const [progress] = await withCatalogWrites(() => retryWhenBusy(() => db.batch([
    db.update(revisions).set({ rowsRead, rowsChecked: rowsRead, leaseUntil: leaseUntil(now) }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing'))),
    ...(itemRows.length ? [db.insert(items).values(itemRows)] : []),
    ...chunks(problems, BATCH).map((part) => db.insert(revisionProblems).values(part.map((p) => ({ revisionId, ...p })))),
  ])));
  if (progress.rowsAffected === 0) throw new RevisionAbandoned();
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Removes what an earlier run of this revision wrote (interrupted, or before a new mapping), so this run starts clean. */
async function clearRows(db: Db, revisionId: number, now: Date) {
  await withCatalogWrites(() => retryWhenBusy(() => db.batch([
    db.delete(items).where(eq(items.revisionId, revisionId)),
    db.delete(revisionProblems).where(eq(revisionProblems.revisionId, revisionId)),
    db.update(revisions).set({ rowsRead: 0, rowsChecked: 0, columnPreview: null, columnRoles: null, leaseUntil: leaseUntil(now) }).where(eq(revisions.id, revisionId)),
  ])));
}

/** A discarded revision keeps its report of what was read so far, never half its items. */
async function abandon(db: Db, revisionId: number) {
  await withCatalogWrites(() => retryWhenBusy(() => db.delete(items).where(eq(items.revisionId, revisionId))));
}

/**
 * Reads an uploaded price list into a revision: stream the rows, check each, store the valid
 * ones and every problem, store images once per content hash, then compare with the live
 * revision. Ends in `ready` (with report and diff) or `failed` (with a reason); never touches
 * what buyers see. Memory stays bounded: rows are written in batches as they are read.
 */
export async function processRevision(deps: ImportDeps, revisionId: number, file: ImportFile): Promise<ProcessOutcome> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const [rev] = await db.select().from(revisions).where(eq(revisions.id, revisionId)).limit(1);
  if (!rev || rev.state !== 'processing') throw new Error(`revision ${revisionId} is not processing`);
  const [catalog] = await db.select().from(catalogs).where(eq(catalogs.id, rev.catalogId)).limit(1);
  if (!catalog) throw new Error(`catalog ${rev.catalogId} is missing`);

  const subject = revisionSubject(catalog.slug, revisionId);
  let source: RowSource | ItemSource | undefined;
  try {
    await clearRows(db, revisionId, now());
    // BMEcat, Ariba CIF (or a ZIP holding one) are read by formats/ into the same checked items
    // as CSV rows; a table with only SKU and price columns is a price update of the live revision.
    const formatContext = { db, catalog, now: now(), mediaDir: deps.mediaDir, ...(file.imageLookup ? { imageLookup: file.imageLookup } : {}) };
    const formatted = await openItemSource(file.path, file.originalName, formatContext);
    let upload: Omit<ItemSource, 'cleanup'>;
    let mapping: HeaderMapping | null = null;
    let headerRowNumber = 0;
    if (formatted) {
      source = upload = formatted;
      await db.update(revisions).set({ format: formatted.format, columnPreview: null, columnRoles: null }).where(eq(revisions.id, revisionId));
    } else {
      const table = source = await openRowSource(file.path, file.originalName, file.sheet ? { sheet: file.sheet } : {});
      mapping = recognizeHeaders(table.headers, catalog.columnMapping ?? {});
      headerRowNumber = table.headerRowNumber;
      const preview = sampleValues(table.headers, table.preview.map((r) => r.cells)).map(({ header, values }) => ({ header, values }));
      const priceUpdate = isPriceUpdateMapping(mapping) ? priceListUpdateSource(table, mapping, file.originalName, formatContext) : null;
      // The headers with sample values and how each column is read stay with the revision: the
      // report shows them, and the supplier may change the mapping and read the file again.
      await db.update(revisions).set({ format: priceUpdate?.format ?? table.kind, columnPreview: preview, columnRoles: toSavedMapping(mapping) }).where(eq(revisions.id, revisionId));
      if (!priceUpdate && mapping.missing.length > 0) {
        const reason = `Some columns were not recognized: no column holds the ${mapping.missing.map(fieldWords).join(', ')}. Choose the field of each column.`;
        await failRevision(db, revisionId, reason, { subject, detail: { needsMapping: true } });
        return { state: 'failed', reason, needsMapping: true };
      }
      const imageLookup = await withStoredImages(db, deps.mediaDir, catalog.liveRevisionId, table.imageLookup ?? file.imageLookup);
      upload = priceUpdate ?? { format: table.kind, items: checkedRows(table.rows, mapping, catalog.currency), columns: mappedColumns(mapping), ...(imageLookup ? { imageLookup } : {}) };
    }
    const priceHeader = upload.columns.price;
    const imageColumn = upload.columns.image;
    const lookup = upload.imageLookup;

    const seenSkus = new Map<string, number>();
    const seenGtins = new Map<string, number>();
    const imageHashes = new Map<string, string | { problem: string }>();
    let batch: Array<ItemDraft & { imageHashes: string[] }> = [];
    let problems: ImportProblem[] = [];
    let rowsRead = 0, itemCount = 0, errorCount = 0, warningCount = 0, lastFlush = Date.now();
    const note = (p: ImportProblem) => { problems.push(p); if (p.severity === 'error') errorCount++; else warningCount++; };
    for (const d of mapping?.duplicates ?? []) {
      note({
        severity: 'warning', rowNumber: headerRowNumber, column: d.header, value: d.header, expected: 'one column per field',
        message: `Column "${d.header}" looks like the same field as column "${d.sameAs}", so it was kept as an attribute; change the column mapping if that is wrong.`,
      });
    }

    for await (const row of upload.items) {
      rowsRead++;
      const { item, problems: found } = row;
      found.forEach(note);
      if (item) {
        const firstRow = seenSkus.get(item.sku);
        if (firstRow !== undefined) {
          note({ severity: 'error', rowNumber: row.rowNumber, column: upload.columns.sku, value: item.sku, expected: 'a SKU used once in the file', message: `Row ${row.rowNumber}: SKU ${item.sku} already appears in row ${firstRow}.` });
        } else {
          seenSkus.set(item.sku, row.rowNumber);
          if (item.gtin) {
            const gtinRow = seenGtins.get(item.gtin);
            if (gtinRow !== undefined) note({ severity: 'warning', rowNumber: row.rowNumber, column: upload.columns.gtin, value: item.gtin, expected: 'a GTIN used by one item', message: `Row ${row.rowNumber}: GTIN ${item.gtin} is also used in row ${gtinRow}.` });
            else seenGtins.set(item.gtin, row.rowNumber);
          }
          const hashes: string[] = [];
          for (const name of item.images) {
            let stored = imageHashes.get(name);
            if (stored === undefined) {
              stored = await storeNamedImage(deps, lookup, name);
              imageHashes.set(name, stored);
            }
            if (typeof stored === 'string') hashes.push(stored);
            else note({ severity: 'warning', rowNumber: row.rowNumber, column: imageColumn, value: name, expected: 'an image file delivered with the price list', message: `Row ${row.rowNumber}: image ${stored.problem}` });
          }
          batch.push({ ...item, imageHashes: hashes });
          itemCount++;
        }
      }
      if (batch.length >= BATCH || problems.length >= BATCH || Date.now() - lastFlush >= PROGRESS_EVERY_MS) {
        await flush(db, revisionId, batch, problems, rowsRead, now());
        batch = []; problems = []; lastFlush = Date.now();
      }
    }
    await flush(db, revisionId, batch, problems, rowsRead, now());
    problems = [];
    if (upload.update) {
      // An update file named only what changes: every other live item is carried over.
      const merged = await mergeUpdate(db, revisionId, upload.update.liveRevisionId, upload.update.outcome());
      itemCount = merged.itemCount;
      merged.problems.forEach(note);
    }
    upload.fileProblems?.().forEach(note);
    await flush(db, revisionId, [], problems, rowsRead, now());

    const base = catalog.liveRevisionId;
    if (base) {
      const moves = await priceMoveWarnings(db, base, revisionId, catalog.currency, priceHeader);
      warningCount += moves.length;
      await flush(db, revisionId, [], moves, rowsRead, now());
    }
    const diff = await summarizeDiff(db, base, revisionId);
    const done = await db.update(revisions).set({
      state: 'ready', processedAt: now().toISOString(), itemCount, errorCount, warningCount, diffSummary: diff, leaseUntil: null,
    }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
    if (done.rowsAffected === 0) throw new RevisionAbandoned();
    await recordCatalogEvent(db, { kind: 'revision-checked', actor: null, subject, detail: { itemCount, errorCount, warningCount, rowsRead } }, { revisionId });
    return { state: 'ready', itemCount, errorCount, warningCount };
  } catch (e) {
    if (e instanceof RevisionAbandoned) {
      await abandon(db, revisionId);
      return { state: 'abandoned' };
    }
    const reason = e instanceof ImportInputError ? e.message : e instanceof StorageFull ? STORAGE_FULL_REASON : 'The file could not be processed because of an internal error; it has been logged. Please try again or contact us.';
    if (!(e instanceof ImportInputError)) console.error(`processRevision ${revisionId}`, e);
    // Storage full: the kept upload is not offered for re-mapping, so it is released and frees its room.
    if (e instanceof StorageFull) await withCatalogWrites(() => db.update(revisions).set({ columnPreview: null, columnRoles: null }).where(eq(revisions.id, revisionId)));
    await failRevision(db, revisionId, reason, { subject });
    return { state: 'failed', reason, needsMapping: false };
  } finally {
    await source?.cleanup();
  }
}

const STORAGE_FULL_REASON = 'The images of this upload could not be stored: our storage for catalog files is full. Nothing was published, and your live catalog is as it was. Please upload the file again later; if it keeps happening, tell us so we can make room.';

const FIELD_WORDS: Record<string, string> = { sku: 'article number (SKU)', name: 'product name', price: 'price' };
const fieldWords = (field: string) => FIELD_WORDS[field] ?? field;

async function storeNamedImage(deps: ImportDeps, lookup: ImageLookup | undefined, name: string): Promise<string | { problem: string }> {
  if (!lookup) return { problem: `"${name}" was not delivered: upload a ZIP holding the price list and its images.` };
  const match = lookup.find(name);
  if (!match.found) return { problem: match.reason };
  const check = await checkImage(match.path, { fileName: match.entryName });
  if (!check.ok) return { problem: check.message };
  try {
    return (await storeImageFile(deps.db, deps.mediaDir, match.path)).hash;
  } catch (e) {
    if (e instanceof StorageFull) throw e; // the whole revision fails: its items would lose their images
    return { problem: `"${match.entryName}" ${e instanceof Error ? e.message : 'could not be stored'}` };
  }
}
