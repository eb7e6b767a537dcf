import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { ImportProblem } from '../checks/validate-row.ts';
import type { UpdateOutcome } from './item-source.ts';

export interface MergeResult {
  /** Items of the new revision after the merge. */
  itemCount: number;
  /** Live items carried over unchanged into the new revision. */
  carried: number;
  /** Items the file deleted. */
  deleted: number;
  problems: ImportProblem[];
}

/**
 * Completes a revision made from an update file (price update, CIF incremental load, BMEcat
 * T_UPDATE_*): the items the file named are already stored; this carries every other item of
 * the live revision over unchanged, removes the deleted ones, and gives items whose update
 * named no image or no category (CIF has no category tree; BMEcat updates carry no groups) the
 * live item's images and category. All in SQL and one transaction, so it costs the same
 * for 100 or 100,000 items and never holds them in memory. The diff against the live revision
 * then shows exactly what the file changed.
 */
export async function mergeUpdate(db: Db, revisionId: number, liveRevisionId: number, outcome: UpdateOutcome): Promise<MergeResult> {
  const deleted = JSON.stringify([...outcome.deletedSkus.keys()]);
  return db.transaction(async (tx) => {
    const unknown = await tx.all<{ sku: string }>(sql`
      SELECT d.value AS sku FROM json_each(${deleted}) d
      WHERE NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${liveRevisionId} AND o.sku = d.value)`);
    await tx.run(sql`DELETE FROM items WHERE revision_id = ${revisionId} AND sku IN (SELECT value FROM json_each(${deleted}))`);
    await tx.run(sql`
      UPDATE items SET images = (SELECT o.images FROM items o WHERE o.revision_id = ${liveRevisionId} AND o.sku = items.sku)
      WHERE revision_id = ${revisionId} AND images = '[]'
        AND EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${liveRevisionId} AND o.sku = items.sku AND o.images <> '[]')`);
    await tx.run(sql`
      UPDATE items SET category_path = (SELECT o.category_path FROM items o WHERE o.revision_id = ${liveRevisionId} AND o.sku = items.sku)
      WHERE revision_id = ${revisionId} AND category_path = ''
        AND EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${liveRevisionId} AND o.sku = items.sku AND o.category_path <> '')`);
    const [counted] = await tx.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM items o WHERE o.revision_id = ${liveRevisionId}
        AND o.sku IN (SELECT value FROM json_each(${deleted}))`);
    const inserted = await tx.run(sql`
      INSERT INTO items (revision_id, row_number, sku, name, description, category_path, unit, price_minor, tiers, min_order_qty, gtin, manufacturer, mpn, attributes, images, sku_key, gtin_key, mpn_key, name_sort, sku_sort)
      SELECT ${revisionId}, o.row_number, o.sku, o.name, o.description, o.category_path, o.unit, o.price_minor, o.tiers, o.min_order_qty, o.gtin, o.manufacturer, o.mpn, o.attributes, o.images, o.sku_key, o.gtin_key, o.mpn_key, o.name_sort, o.sku_sort
      FROM items o
      WHERE o.revision_id = ${liveRevisionId}
        AND NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${revisionId} AND n.sku = o.sku)
        AND o.sku NOT IN (SELECT value FROM json_each(${deleted}))`);
    const [total] = await tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${revisionId}`);
    const problems: ImportProblem[] = unknown.map(({ sku }) => {
      const rowNumber = outcome.deletedSkus.get(sku) ?? 0;
      return {
        severity: 'warning', rowNumber, sku, column: null, value: sku, expected: 'a SKU of the live revision',
        message: `Row ${rowNumber}: ${sku} is marked for deletion, but the live revision has no such SKU; nothing was deleted.`,
      };
    });
    return { itemCount: total?.n ?? 0, carried: inserted.rowsAffected, deleted: counted?.n ?? 0, problems };
  });
}
