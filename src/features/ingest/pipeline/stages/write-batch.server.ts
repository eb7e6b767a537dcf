import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items, revisionProblems, revisions } from '#db/schema/index.ts';
import type { ImportProblem } from '../../checks/validate-row.ts';
import { leaseUntil } from '../../revisions/processing-lease.ts';
import { retryWhenBusy, withCatalogWrites } from '../../revisions/catalog-writes.ts';
import { RevisionAbandoned } from '../revision-abandoned.ts';
import type { ItemWithImages } from './store-images.server.ts';
import { itemKeys } from '../../revisions/item-keys.ts';

/** Rows (items or problems) per insert. */
export const BATCH = 500;

function sortedAttributes(a: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(a).sort(([x], [y]) => x.localeCompare(y)));
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Writes one batch of items and problems with the progress counters, atomically, in one call
 * that holds the database lock only while it runs (see catalog-writes.ts). Stops the work
 * (RevisionAbandoned) when the revision is no longer processing; what the batch wrote for it
 * then is removed when the run ends.
 */
export async function writeBatch(db: Db, revisionId: number, batch: ItemWithImages[], problems: ImportProblem[], rowsRead: number, now: Date) {
  const itemRows = batch.map((d) => ({
    revisionId, rowNumber: d.rowNumber, sku: d.sku, name: d.name, description: d.description, categoryPath: d.categoryPath, unit: d.unit,
    priceMinor: d.priceMinor, tiers: d.tiers, minOrderQty: d.minOrderQty, gtin: d.gtin, manufacturer: d.manufacturer, mpn: d.mpn,
    attributes: sortedAttributes(d.attributes), images: d.imageHashes, ...itemKeys(d),
  }));
  const [progress] = await withCatalogWrites(() => retryWhenBusy(() => db.batch([
    db.update(revisions).set({ rowsRead, rowsChecked: rowsRead, leaseUntil: leaseUntil(now) }).where(and(eq(revisions.id, revisionId), eq(revisions.state, 'processing'))),
    ...(itemRows.length ? [db.insert(items).values(itemRows)] : []),
    ...chunks(problems, BATCH).map((part) => db.insert(revisionProblems).values(part.map((p) => ({ revisionId, ...p })))),
  ])));
  if (progress.rowsAffected === 0) throw new RevisionAbandoned();
}
