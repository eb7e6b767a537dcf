import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { catalogs, items, revisionProblems, revisions } from '../../../db/schema/index.ts';
import { openRowSource, type RowSource } from './row-source.ts';
import { recognizeHeaders, sampleValues, type HeaderMapping } from './recognize-headers.ts';
import { validateRow, type ImportProblem, type ItemDraft } from './validate-row.ts';
import { ImportInputError } from './import-input-error.ts';
import type { ImageLookup } from './image-lookup.ts';
import { checkImage } from './check-image.ts';
import { storeImageFile } from '../media/store-image.server.ts';
import { summarizeDiff } from '../catalogs/diff-revisions.server.ts';
import { priceMoveWarnings } from './price-move-warnings.server.ts';
import { recordAuditEvent } from '../audit/record-event.server.ts';

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
  | { state: 'failed'; reason: string; needsMapping: boolean };

const BATCH = 500;

function sortedAttributes(a: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(a).sort(([x], [y]) => x.localeCompare(y)));
}

/** Writes one batch of items and problems with the progress counters, in one short transaction. */
async function flush(db: Db, revisionId: number, batch: Array<ItemDraft & { imageHashes: string[] }>, problems: ImportProblem[], rowsRead: number) {
  await db.transaction(async (tx) => {
    if (batch.length) {
      await tx.insert(items).values(batch.map((d) => ({
        revisionId, rowNumber: d.rowNumber, sku: d.sku, name: d.name, description: d.description, categoryPath: d.categoryPath, unit: d.unit,
        priceMinor: d.priceMinor, tiers: d.tiers, minOrderQty: d.minOrderQty, gtin: d.gtin, manufacturer: d.manufacturer, mpn: d.mpn,
        attributes: sortedAttributes(d.attributes), images: d.imageHashes,
      })));
    }
    for (let i = 0; i < problems.length; i += BATCH) {
      await tx.insert(revisionProblems).values(problems.slice(i, i + BATCH).map((p) => ({ revisionId, ...p })));
    }
    await tx.update(revisions).set({ rowsRead, rowsChecked: rowsRead }).where(eq(revisions.id, revisionId));
  });
}

async function fail(db: Db, revisionId: number, reason: string, extra: Partial<typeof revisions.$inferInsert> = {}) {
  // Half-written rows of a failed revision are useless: remove them so nothing half-read remains.
  await db.transaction(async (tx) => {
    await tx.delete(items).where(eq(items.revisionId, revisionId));
    await tx.delete(revisionProblems).where(eq(revisionProblems.revisionId, revisionId));
    await tx.update(revisions).set({ state: 'failed', failureReason: reason, ...extra }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
  });
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

  let source: RowSource | undefined;
  try {
    source = await openRowSource(file.path, file.originalName, file.sheet ? { sheet: file.sheet } : {});
    await db.update(revisions).set({ format: source.kind }).where(eq(revisions.id, revisionId));
    const mapping: HeaderMapping = recognizeHeaders(source.headers, catalog.columnMapping ?? {});
    if (mapping.missing.length > 0) {
      const preview = sampleValues(source.headers, source.preview.map((r) => r.cells)).map(({ header, values }) => ({ header, values }));
      const reason = `Some columns were not recognized: no column holds the ${mapping.missing.join(', ')}. Choose the field of each column.`;
      await fail(db, revisionId, reason, { columnPreview: preview });
      return { state: 'failed', reason, needsMapping: true };
    }
    const priceHeader = mapping.columns.find((c) => c.role.field === 'price')?.header ?? null;
    const imageColumn = mapping.columns.find((c) => c.role.field === 'image')?.header ?? null;
    const lookup = source.imageLookup ?? file.imageLookup;

    const seenSkus = new Map<string, number>();
    const seenGtins = new Map<string, number>();
    const imageHashes = new Map<string, string | { problem: string }>();
    let batch: Array<ItemDraft & { imageHashes: string[] }> = [];
    let problems: ImportProblem[] = [];
    let rowsRead = 0, itemCount = 0, errorCount = 0, warningCount = 0;
    const note = (p: ImportProblem) => { problems.push(p); if (p.severity === 'error') errorCount++; else warningCount++; };

    for await (const row of source.rows) {
      rowsRead++;
      const { item, problems: found } = validateRow(row.cells, mapping, catalog.currency, row.rowNumber);
      found.forEach(note);
      if (item) {
        const firstRow = seenSkus.get(item.sku);
        if (firstRow !== undefined) {
          note({ severity: 'error', rowNumber: row.rowNumber, column: mapping.columns.find((c) => c.role.field === 'sku')?.header ?? null, value: item.sku, expected: 'a SKU used once in the file', message: `Row ${row.rowNumber}: SKU ${item.sku} already appears in row ${firstRow}.` });
        } else {
          seenSkus.set(item.sku, row.rowNumber);
          if (item.gtin) {
            const gtinRow = seenGtins.get(item.gtin);
            if (gtinRow !== undefined) note({ severity: 'warning', rowNumber: row.rowNumber, column: mapping.columns.find((c) => c.role.field === 'gtin')?.header ?? null, value: item.gtin, expected: 'a GTIN used by one item', message: `Row ${row.rowNumber}: GTIN ${item.gtin} is also used in row ${gtinRow}.` });
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
      if (batch.length >= BATCH || problems.length >= BATCH) {
        await flush(db, revisionId, batch, problems, rowsRead);
        batch = []; problems = [];
      }
    }
    await flush(db, revisionId, batch, problems, rowsRead);

    const base = catalog.liveRevisionId;
    if (base) {
      const moves = await priceMoveWarnings(db, base, revisionId, catalog.currency, priceHeader);
      warningCount += moves.length;
      await flush(db, revisionId, [], moves, rowsRead);
    }
    const diff = await summarizeDiff(db, base, revisionId);
    await db.update(revisions).set({
      state: 'ready', processedAt: now().toISOString(), itemCount, errorCount, warningCount, diffSummary: diff, columnPreview: null,
    }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing')));
    await recordAuditEvent(db, { kind: 'revision-checked', actor: null, subject: `catalog ${catalog.slug} revision ${revisionId}`, detail: { itemCount, errorCount, warningCount, rowsRead } });
    return { state: 'ready', itemCount, errorCount, warningCount };
  } catch (e) {
    const reason = e instanceof ImportInputError ? e.message : 'The file could not be processed because of an internal error; it has been logged. Please try again or contact us.';
    if (!(e instanceof ImportInputError)) console.error(`processRevision ${revisionId}`, e);
    await fail(db, revisionId, reason);
    return { state: 'failed', reason, needsMapping: false };
  } finally {
    await source?.cleanup();
  }
}

async function storeNamedImage(deps: ImportDeps, lookup: ImageLookup | undefined, name: string): Promise<string | { problem: string }> {
  if (!lookup) return { problem: `"${name}" was not delivered: upload a ZIP holding the price list and its images.` };
  const match = lookup.find(name);
  if (!match.found) return { problem: match.reason };
  const check = await checkImage(match.path, { fileName: match.entryName });
  if (!check.ok) return { problem: check.message };
  try {
    return (await storeImageFile(deps.db, deps.mediaDir, match.path)).hash;
  } catch (e) {
    return { problem: `"${match.entryName}" ${e instanceof Error ? e.message : 'could not be stored'}` };
  }
}
