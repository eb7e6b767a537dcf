import { inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { media } from '#db/schema/index.ts';
import type { LiveItem } from './live-items.server.ts';

interface Row {
  id: number; row_number: number; sku: string; name: string; description: string; category_path: string; unit: string; price_minor: number;
  tiers: string; min_order_qty: number; gtin: string | null; manufacturer: string | null; mpn: string | null; attributes: string; images: string;
}

/** An item with, for each image, the width of its largest stored variant (what an export links to); its lookup and sort keys stay behind. */
export interface ExportItem extends Omit<LiveItem, 'skuKey' | 'gtinKey' | 'mpnKey' | 'nameSort' | 'skuSort'> { imageWidths: number[] }

const BATCH = 1000;

/**
 * The items of a revision in the order they were stored (the uploaded file's order), in batches
 * paged by id, so an export of 100,000 items never holds them all.
 */
export async function* revisionItemBatches(db: Db, revisionId: number): AsyncGenerator<ExportItem[]> {
  let after = -1;
  for (;;) {
    const rows = await db.all<Row>(sql`SELECT * FROM items WHERE revision_id = ${revisionId} AND id > ${after} ORDER BY id LIMIT ${BATCH}`);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const hashes = [...new Set(rows.flatMap((r) => JSON.parse(r.images) as string[]))];
    const widths = new Map<string, number>();
    if (hashes.length > 0) {
      for (const m of await db.select({ hash: media.hash, variants: media.variants }).from(media).where(inArray(media.hash, hashes))) widths.set(m.hash, Math.max(...m.variants));
    }
    yield rows.map((r): ExportItem => {
      const images = JSON.parse(r.images) as string[];
      return {
        id: r.id, revisionId, rowNumber: r.row_number, sku: r.sku, name: r.name, description: r.description, categoryPath: r.category_path, unit: r.unit,
        priceMinor: r.price_minor, tiers: JSON.parse(r.tiers), minOrderQty: r.min_order_qty, gtin: r.gtin, manufacturer: r.manufacturer, mpn: r.mpn,
        attributes: JSON.parse(r.attributes), images, imageWidths: images.map((h) => widths.get(h) ?? 1280),
      };
    });
    if (rows.length < BATCH) return;
  }
}

/** The distinct quantity breaks and attribute names of a revision, for the columns of a table export. */
export async function revisionShape(db: Db, revisionId: number): Promise<{ tierQuantities: number[]; attributeNames: string[]; categoryPaths: string[] }> {
  const tiers = await db.all<{ q: number }>(sql`SELECT DISTINCT json_extract(t.value, '$.minQty') AS q FROM items i, json_each(i.tiers) t WHERE i.revision_id = ${revisionId} ORDER BY q`);
  const names = await db.all<{ k: string }>(sql`SELECT DISTINCT a.key AS k FROM items i, json_each(i.attributes) a WHERE i.revision_id = ${revisionId} ORDER BY k`);
  const paths = await db.all<{ p: string }>(sql`SELECT DISTINCT category_path AS p FROM items WHERE revision_id = ${revisionId} AND category_path <> '' ORDER BY p`);
  return { tierQuantities: tiers.map((r) => r.q), attributeNames: names.map((r) => r.k), categoryPaths: paths.map((r) => r.p) };
}
