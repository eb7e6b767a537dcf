import { sql } from 'drizzle-orm';
import type { PriceTier } from '#db/schema/catalogs.ts';
import type { Reader } from './view-records.server.ts';

/** Items per category path of a revision, for the category tree. */
export async function categoryCounts(db: Reader, revisionId: number): Promise<Array<{ path: string; count: number }>> {
  return db.all<{ path: string; count: number }>(sql`SELECT category_path AS path, count(*) AS count FROM items WHERE revision_id = ${revisionId} GROUP BY category_path`);
}

export interface LiveItemRef { sku: string; name: string; categoryPath: string; priceMinor: number; tiers: PriceTier[] }

/** The items of a revision with these SKUs (those that exist), by SKU. */
export async function itemsBySku(db: Reader, revisionId: number, skus: readonly string[]): Promise<Map<string, LiveItemRef>> {
  const out = new Map<string, LiveItemRef>();
  const unique = [...new Set(skus)];
  // Chunked: SQLite limits the number of bound parameters per statement.
  for (let at = 0; at < unique.length; at += 500) {
    const chunk = unique.slice(at, at + 500);
    const rows = await db.all<{ sku: string; name: string; categoryPath: string; priceMinor: number; tiers: string }>(
      sql`SELECT sku, name, category_path AS categoryPath, price_minor AS priceMinor, tiers FROM items WHERE revision_id = ${revisionId} AND sku IN (${sql.join(chunk.map((s) => sql`${s}`), sql`, `)})`,
    );
    for (const r of rows) out.set(r.sku, { ...r, tiers: JSON.parse(r.tiers) as PriceTier[] });
  }
  return out;
}

/**
 * Items of a revision matching a search by SKU or name, for sales picking SKUs to show, hide or
 * price: an exact SKU first, then SKUs starting with the text, then names containing it.
 */
export async function searchItems(db: Reader, revisionId: number, query: string, limit = 25): Promise<LiveItemRef[]> {
  const q = query.trim();
  if (q === '') return [];
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.all<{ sku: string; name: string; categoryPath: string; priceMinor: number; tiers: string }>(sql`
    SELECT sku, name, category_path AS categoryPath, price_minor AS priceMinor, tiers FROM items
    WHERE revision_id = ${revisionId} AND (sku LIKE ${`%${escaped}%`} ESCAPE '\\' OR name LIKE ${`%${escaped}%`} ESCAPE '\\')
    ORDER BY (lower(sku) = lower(${q})) DESC, (sku LIKE ${`${escaped}%`} ESCAPE '\\') DESC, sku
    LIMIT ${limit}`);
  return rows.map((r) => ({ ...r, tiers: JSON.parse(r.tiers) as PriceTier[] }));
}
