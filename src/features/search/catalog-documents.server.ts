import { sql } from 'drizzle-orm';
import type { PriceTier } from '#db/schema/catalogs.ts';
import type { DbOrTx } from './db-executor.ts';
import { toSearchDocument, type SearchDocument } from './search-document.ts';

interface ItemRow {
  id: number; revision_id: number; sku: string; name: string; description: string; category_path: string; price_minor: number;
  tiers: string; gtin: string | null; manufacturer: string | null; mpn: string | null; supplier_org_id: number; currency: string; catalog_id: number;
}

/**
 * The search documents of one revision of a catalog, read from libSQL: the single source both
 * engines are filled from (publish, outbox sync, reindex).
 */
export async function loadRevisionDocuments(db: DbOrTx, catalogId: number, revisionId: number): Promise<SearchDocument[]> {
  const rows = await db.all<ItemRow>(sql`
    SELECT i.id, i.revision_id, i.sku, i.name, i.description, i.category_path, i.price_minor, i.tiers, i.gtin, i.manufacturer, i.mpn,
           c.supplier_org_id, c.currency, c.id AS catalog_id
    FROM items i JOIN revisions r ON r.id = i.revision_id JOIN catalogs c ON c.id = r.catalog_id
    WHERE i.revision_id = ${revisionId} AND c.id = ${catalogId}`);
  return rows.map((r) => toSearchDocument(
    { id: r.id, revisionId: r.revision_id, sku: r.sku, name: r.name, description: r.description, categoryPath: r.category_path, priceMinor: r.price_minor,
      tiers: JSON.parse(r.tiers) as PriceTier[], gtin: r.gtin, manufacturer: r.manufacturer, mpn: r.mpn },
    { id: r.catalog_id, supplierOrgId: r.supplier_org_id, currency: r.currency },
  ));
}

/**
 * What changes whenever a revision's items are rewritten: their number and their lowest and
 * highest ids (ids are AUTOINCREMENT, never handed out twice, so rows inserted again bring new
 * ones). Compared inside the publish transaction with the mark read beside documents read
 * before it.
 */
export async function revisionItemsMark(db: DbOrTx, revisionId: number): Promise<string> {
  const [row] = await db.all<{ n: number; lo: number | null; hi: number | null }>(sql`SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM items WHERE revision_id = ${revisionId}`);
  return `${row?.n ?? 0}:${row?.lo ?? ''}:${row?.hi ?? ''}`;
}

/** The catalog's live revision id, or null when it has none (or does not exist). */
export async function liveRevisionOf(db: DbOrTx, catalogId: number): Promise<number | null> {
  const [row] = await db.all<{ live: number | null }>(sql`SELECT live_revision_id AS live FROM catalogs WHERE id = ${catalogId}`);
  return row?.live ?? null;
}

/** Documents of the catalog's live revision (none when nothing is live). */
export async function loadLiveDocuments(db: DbOrTx, catalogId: number): Promise<SearchDocument[]> {
  const live = await liveRevisionOf(db, catalogId);
  return live === null ? [] : loadRevisionDocuments(db, catalogId, live);
}

export async function listCatalogIds(db: DbOrTx): Promise<number[]> {
  return (await db.all<{ id: number }>(sql`SELECT id FROM catalogs ORDER BY id`)).map((r) => r.id);
}
