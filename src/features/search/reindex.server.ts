import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { rebuildEmbeddedIndex } from './embedded-documents.server.ts';
import { listCatalogIds, loadLiveDocuments } from './catalog-documents.server.ts';
import type { MeilisearchEngine } from './meili-engine.server.ts';

export interface ReindexReport { embedded: { catalogs: number; documents: number }; external: { catalogs: number; documents: number; droppedIndexes: number } | null; outboxCleared: number }

/**
 * Rebuilds search from libSQL, the source of truth: the embedded index in one transaction, then
 * (when configured) every catalog index of Meilisearch, each built fresh and swapped in. Outbox
 * rows that existed before the rebuild started are then done: the rebuild covered them.
 */
export async function reindexAll(db: Db, external: MeilisearchEngine | null, log: (line: string) => void = () => {}, now: () => Date = () => new Date()): Promise<ReindexReport> {
  const [mark] = await db.all<{ id: number | null }>(sql`SELECT max(id) AS id FROM search_outbox`);
  const embedded = await db.transaction((tx) => rebuildEmbeddedIndex(tx));
  log(`Embedded index: ${embedded.documents} documents of ${embedded.catalogs} catalogs.`);
  let report: ReindexReport['external'] = null;
  if (external) {
    await external.applySettings();
    const ids = await listCatalogIds(db);
    let documents = 0;
    let catalogs = 0;
    for (const id of ids) {
      const docs = await loadLiveDocuments(db, id);
      await external.replaceCatalog(id, docs);
      documents += docs.length;
      if (docs.length) catalogs++;
      log(`Meilisearch: catalog ${id}, ${docs.length} documents.`);
    }
    const droppedIndexes = await external.dropIndexesExcept(new Set(ids));
    report = { catalogs, documents, droppedIndexes };
  }
  const cleared = mark?.id == null ? { rowsAffected: 0 } : await db.run(sql`UPDATE search_outbox SET done_at = ${now().toISOString()}, last_error = NULL WHERE done_at IS NULL AND id <= ${mark.id}`);
  return { embedded, external: report, outboxCleared: cleared.rowsAffected };
}
