// The real read paths the fuzz tests drive, as the product runs them (no stubs): an upload is
// first offered to the standard-format readers (BMEcat, CIF, or a ZIP holding one), else read as
// a table (CSV/XLSX/ZIP) with recognized headers and checked rows, exactly as processRevision
// does before it writes anything; images named by the rows are checked as the pipeline checks
// them. Sales' fixed-price upload goes through readFixedPriceFile.
import type { Db } from '#db/client.ts';
import { checkImage } from '#features/ingest/images/check-image.server.ts';
import { ImportInputError } from '#features/ingest/checks/import-input-error.ts';
import { recognizeHeaders, sampleValues } from '#features/ingest/mapping/recognize-headers.ts';
import { openRowSource, type RowSource } from '#features/ingest/readers/row-source.server.ts';
import type { ImportProblem, ItemDraft } from '#features/ingest/checks/validate-row.ts';
import type { ItemSource } from '#features/ingest/pipeline/item-source.ts';
import { openItemSource } from '#features/ingest/pipeline/open-item-source.server.ts';
import { isPriceUpdateMapping, priceListUpdateSource } from '#features/ingest/pipeline/price-list-update.server.ts';
import { withStoredImages } from '#features/ingest/images/stored-image-lookup.server.ts';
import { checkedRows, mappedColumns } from '#features/ingest/pipeline/table-items.ts';
import { readFixedPriceFile } from '#features/views/fixed-price-file.server.ts';
import type { CaseOutcome, FuzzCase } from './case-outcome.ts';

export interface TargetWorld {
  db: Db;
  mediaDir: string;
  catalogId: number;
  liveRevisionId: number;
}

// Images checked per case: enough to reach every image path, few enough to stay fast.
const MAX_IMAGES_PER_CASE = 12;

/** A broken invariant of a parse result, thrown inside a target and reported as `invalid`. */
class InvalidResult extends Error {}

function assertProblem(p: ImportProblem): void {
  if (p.severity !== 'error' && p.severity !== 'warning') throw new InvalidResult(`problem with severity ${String(p.severity)}`);
  if (typeof p.message !== 'string' || p.message.trim() === '') throw new InvalidResult('problem without a message');
  if (!Number.isSafeInteger(p.rowNumber) || p.rowNumber < 0) throw new InvalidResult(`problem at row ${p.rowNumber}: ${p.message}`);
}

function assertItem(item: ItemDraft, currency: string): void {
  const where = `item at row ${item.rowNumber}`;
  if (item.sku.trim() === '' || item.sku.length > 64) throw new InvalidResult(`${where} has SKU "${item.sku.slice(0, 80)}"`);
  if (item.name.trim() === '') throw new InvalidResult(`${where} has no name`);
  if (!Number.isSafeInteger(item.priceMinor) || item.priceMinor < 0) throw new InvalidResult(`${where} has price ${item.priceMinor} ${currency}`);
  if (!Number.isSafeInteger(item.minOrderQty) || item.minOrderQty < 1) throw new InvalidResult(`${where} has minimum order ${item.minOrderQty}`);
  for (const t of item.tiers) {
    if (!Number.isSafeInteger(t.minQty) || t.minQty < 2 || !Number.isSafeInteger(t.priceMinor) || t.priceMinor < 0) throw new InvalidResult(`${where} has tier ${JSON.stringify(t)}`);
  }
  for (const [k, v] of Object.entries(item.attributes)) if (typeof v !== 'string') throw new InvalidResult(`${where} has attribute ${k} = ${String(v)}`);
  JSON.stringify(item);
}

async function readSupplierUpload(world: TargetWorld, path: string, input: FuzzCase): Promise<CaseOutcome> {
  const now = new Date('2027-03-01T12:00:00Z');
  const catalog = { id: world.catalogId, name: 'Fuzz catalog', currency: input.currency, liveRevisionId: input.live ? world.liveRevisionId : null };
  const context = { db: world.db, catalog, now, mediaDir: world.mediaDir };
  let source: RowSource | ItemSource | undefined;
  try {
    let upload: Omit<ItemSource, 'cleanup'>;
    const formatted = await openItemSource(path, input.name, context);
    if (formatted) {
      source = upload = formatted;
    } else {
      const table = source = await openRowSource(path, input.name);
      const mapping = recognizeHeaders(table.headers, {});
      sampleValues(table.headers, table.preview.map((r) => r.cells));
      const priceUpdate = isPriceUpdateMapping(mapping) ? priceListUpdateSource(table, mapping, input.name, context) : null;
      if (!priceUpdate && mapping.missing.length > 0) return { kind: 'parsed', format: `${table.kind} (needs mapping)`, items: 0, problems: 0, images: 0 };
      const imageLookup = await withStoredImages(world.db, world.mediaDir, catalog.liveRevisionId, table.imageLookup);
      upload = priceUpdate ?? { format: table.kind, items: checkedRows(table.rows, mapping, catalog.currency), columns: mappedColumns(mapping), ...(imageLookup ? { imageLookup } : {}) };
    }
    let items = 0, problems = 0, images = 0;
    const imageNames = new Set<string>();
    for await (const checked of upload.items) {
      if (!Number.isSafeInteger(checked.rowNumber) || checked.rowNumber < 1) throw new InvalidResult(`checked item at row ${checked.rowNumber}`);
      checked.problems.forEach(assertProblem);
      problems += checked.problems.length;
      if (checked.item) {
        if (checked.problems.some((p) => p.severity === 'error')) throw new InvalidResult(`row ${checked.rowNumber} has an item and an error`);
        assertItem(checked.item, input.currency);
        items++;
        for (const name of checked.item.images) if (imageNames.size < MAX_IMAGES_PER_CASE) imageNames.add(name);
      }
    }
    const fileProblems = upload.fileProblems?.() ?? [];
    fileProblems.forEach(assertProblem);
    problems += fileProblems.length;
    for (const name of imageNames) {
      const match = upload.imageLookup?.find(name);
      if (!match?.found) continue;
      const check = await checkImage(match.path, { fileName: match.entryName });
      if (!check.ok && check.message.trim() === '') throw new InvalidResult(`image ${name} refused without a reason`);
      images++;
    }
    return { kind: 'parsed', format: upload.format, items, problems, images };
  } finally {
    await source?.cleanup();
  }
}

async function readViewPrices(path: string, input: FuzzCase): Promise<CaseOutcome> {
  const file = await readFixedPriceFile(path, input.name, input.currency);
  file.problems.forEach(assertProblem);
  const seen = new Set<string>();
  for (const price of file.prices) {
    if (price.sku.trim() === '' || seen.has(price.sku)) throw new InvalidResult(`fixed price for SKU "${price.sku}" (empty or twice)`);
    seen.add(price.sku);
    if (!Number.isSafeInteger(price.priceMinor) || price.priceMinor < 0) throw new InvalidResult(`fixed price ${price.priceMinor} for ${price.sku}`);
  }
  if (file.problems.some((p) => p.severity === 'error') && file.prices.length === 0 && file.rowsRead === 0 && file.problems.length === 0) {
    throw new InvalidResult('errors without problems');
  }
  return { kind: 'parsed', format: 'fixed-prices', items: file.prices.length, problems: file.problems.length, images: 0 };
}

async function readImage(path: string, input: FuzzCase): Promise<CaseOutcome> {
  const check = await checkImage(path, { fileName: input.name });
  if (check.ok) {
    if (!(check.width > 0 && check.height > 0 && check.width * check.height <= 40_000_000)) throw new InvalidResult(`image accepted at ${check.width}×${check.height}`);
    return { kind: 'parsed', format: check.format, items: 1, problems: 0, images: 1 };
  }
  if (!check.message.includes(input.name)) throw new InvalidResult(`image refused without naming it: ${check.message}`);
  return { kind: 'refused', message: check.message, fileName: input.name, rowNumber: null };
}

/** Runs one case to its end; never throws (every end is described as an outcome). */
export async function runCase(world: TargetWorld, path: string, input: FuzzCase): Promise<CaseOutcome> {
  try {
    if (input.target === 'supplier-upload') return await readSupplierUpload(world, path, input);
    if (input.target === 'view-prices') return await readViewPrices(path, input);
    return await readImage(path, input);
  } catch (error) {
    if (error instanceof ImportInputError) {
      return { kind: 'refused', message: error.message, fileName: error.fileName ?? '', rowNumber: error.rowNumber ?? null };
    }
    if (error instanceof InvalidResult) return { kind: 'invalid', why: error.message };
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: 'crash', errorName: e.name, message: e.message, stack: e.stack ?? '' };
  }
}
