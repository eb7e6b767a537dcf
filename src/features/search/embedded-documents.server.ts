import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { writesInSteps } from '#db/write-queue.ts';
import type { DbOrTx } from './db-executor.ts';
import { hotReadsOf } from '#db/hot-reads.ts';
import { listCatalogIds, liveRevisionOf, loadLiveDocuments, loadRevisionDocuments, revisionItemsMark } from './catalog-documents.server.ts';
import type { SearchDocument } from './search-document.ts';

// The embedded engine's documents live in search_fts_documents (libSQL) and in the external-
// content FTS5 index search_fts over them. This file is the only writer of both, and keeps them
// in step set-wise: FTS5 rows are added and removed with one INSERT … SELECT per batch, which is
// much faster than a trigger per row.

const BATCH = 400; // 13 values per row, well under SQLite's 32,766 bound parameters

function rowSql(d: SearchDocument) {
  return sql`(${d.itemId}, ${d.catalogId}, ${d.revisionId}, ${d.supplierOrgId}, ${d.sku}, ${d.name}, ${d.nameSort}, ${d.description}, ${d.categoryPath},
    ${d.manufacturer}, ${d.codes.join(' ')}, ${d.listUnitMinor}, ${d.currency})`;
}

const FTS_COLUMNS = sql.raw('name, codes, sku, manufacturer, category_path, description');
const DOC_COLUMNS = sql.raw(`name, codes, sku, coalesce(manufacturer, ''), category_path, description`);

/** Takes the documents matching `where` (over search_fts_documents) out of the index and the table. */
async function removeWhere(db: DbOrTx, where: SQL): Promise<void> {
  // External content: FTS5 must be told the old values to remove their words.
  await db.run(sql`INSERT INTO search_fts(search_fts, rowid, ${FTS_COLUMNS}) SELECT 'delete', item_id, ${DOC_COLUMNS} FROM search_fts_documents WHERE ${where}`);
  await db.run(sql`DELETE FROM search_fts_documents WHERE ${where}`);
}

const idList = (ids: readonly number[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** Adds documents whose item ids are not indexed yet. */
async function insertDocuments(db: DbOrTx, documents: readonly SearchDocument[]): Promise<void> {
  for (let i = 0; i < documents.length; i += BATCH) {
    const batch = documents.slice(i, i + BATCH);
    await db.run(sql`INSERT INTO search_fts_documents
      (item_id, catalog_id, revision_id, supplier_org_id, sku, name, name_sort, description, category_path, manufacturer, codes, list_unit_minor, currency)
      VALUES ${sql.join(batch.map(rowSql), sql`, `)}`);
    await db.run(sql`INSERT INTO search_fts(rowid, ${FTS_COLUMNS}) SELECT item_id, ${DOC_COLUMNS} FROM search_fts_documents WHERE item_id IN (${idList(batch.map((d) => d.itemId))})`);
  }
}

/** Adds or replaces documents (an item id is unique across revisions, so a document is one item). */
export async function upsertEmbeddedDocuments(db: DbOrTx, documents: readonly SearchDocument[]): Promise<void> {
  for (let i = 0; i < documents.length; i += BATCH) await removeWhere(db, sql`item_id IN (${idList(documents.slice(i, i + BATCH).map((d) => d.itemId))})`);
  await insertDocuments(db, documents);
}

export async function deleteEmbeddedDocuments(db: DbOrTx, catalogId: number, itemIds: readonly number[]): Promise<void> {
  for (let i = 0; i < itemIds.length; i += BATCH) await removeWhere(db, sql`catalog_id = ${catalogId} AND item_id IN (${idList(itemIds.slice(i, i + BATCH))})`);
}

/**
 * The index generation: any write to the embedded index moves it, in any process. Asked on every
 * search, so read by a statement prepared once where the file is local (as the change stamp is);
 * a transaction reads it through itself, seeing its own bump.
 */
export async function indexGeneration(db: DbOrTx): Promise<number> {
  const hot = hotReadsOf(db);
  if (hot) return Number(hot.value(`SELECT value FROM search_fts_state WHERE key = 'generation'`) ?? 0);
  const [row] = await db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'generation'`);
  return row?.value ?? 0;
}

/** Tells every process that its cached vocabulary (typo correction) is out of date. */
export async function bumpGeneration(db: DbOrTx): Promise<void> {
  await db.run(sql`UPDATE search_fts_state SET value = value + 1 WHERE key = 'generation'`);
}

/** Makes the embedded index hold exactly `documents` for the catalog. Call inside a transaction. */
export async function writeCatalogDocuments(db: DbOrTx, catalogId: number, documents: readonly SearchDocument[]): Promise<void> {
  await removeWhere(db, sql`catalog_id = ${catalogId}`);
  // Every document of the catalog is gone, and an item belongs to one catalog: nothing to replace.
  await insertDocuments(db, documents);
  await bumpGeneration(db);
}

/** A revision's search documents read ahead of the publish transaction, with its items' mark when read. */
export interface EarlyDocuments { catalogId: number; revisionId: number; itemsMark: string; documents: SearchDocument[] }

/**
 * Reads a revision's documents before the publish takes the write lock: building 20,000 of them
 * held the lock for about 0.6 s under load, and every sign-in waited behind it. Only a revision
 * that may go live (ready, or superseded for a rollback) is read: its items are no longer
 * edited, only deleted and inserted again. The mark comes first, so items rewritten at any moment
 * after it make the transaction read them again.
 */
export async function readDocumentsEarly(db: DbOrTx, revisionId: number): Promise<EarlyDocuments | null> {
  const [revision] = await db.all<{ catalogId: number; state: string }>(sql`SELECT catalog_id AS catalogId, state FROM revisions WHERE id = ${revisionId}`);
  if (!revision || (revision.state !== 'ready' && revision.state !== 'superseded')) return null;
  const itemsMark = await revisionItemsMark(db, revisionId);
  return { catalogId: revision.catalogId, revisionId, itemsMark, documents: await loadRevisionDocuments(db, revision.catalogId, revisionId) };
}

/** What writeDocumentsAhead wrote: how many documents, from the items bearing which mark. */
export interface DocumentsAhead { catalogId: number; revisionId: number; itemsMark: string; count: number }

/**
 * Writes a revision's documents into the index before its publish, BATCH at a time, each batch
 * in its own short transaction: inside the publish transaction the FTS5 writes of 25,000
 * documents held the write lock for about 2 s on a quiet machine, and every sign-in and every
 * form waited behind them. Not searchable yet: searches take only documents of live revisions
 * (loadDocTable), and the index generation does not move. What earlier publishes of the catalog
 * left unfinished (a crash, a refusal) goes first.
 */
export async function writeDocumentsAhead(db: Db, early: EarlyDocuments): Promise<DocumentsAhead> {
  await removeReplacedDocuments(db, early.catalogId);
  await writesInSteps(async (step) => {
    for (let i = 0; i < early.documents.length; i += BATCH) {
      await db.transaction((tx) => insertDocuments(tx, early.documents.slice(i, i + BATCH)));
      await step();
    }
  });
  return { catalogId: early.catalogId, revisionId: early.revisionId, itemsMark: early.itemsMark, count: early.documents.length };
}

/**
 * THE call inside the publish transaction (makeRevisionLive): the index's generation moves with
 * the live pointer, so search never disagrees with the catalog. The revision's documents are the
 * ones written ahead when the items still bear their mark and every one of them is there;
 * otherwise they are written here. Those of the revision it replaces stay until
 * removeReplacedDocuments, after the commit: no search takes them from the moment it commits.
 */
export async function replaceCatalogDocuments(tx: DbOrTx, catalogId: number, revisionId: number, ahead: DocumentsAhead | null = null): Promise<{ tookAhead: boolean }> {
  const tookAhead = ahead !== null && ahead.catalogId === catalogId && ahead.revisionId === revisionId
    && ahead.itemsMark === await revisionItemsMark(tx, revisionId) && ahead.count === await documentsOfRevision(tx, catalogId, revisionId);
  if (!tookAhead) {
    await removeWhere(tx, sql`catalog_id = ${catalogId} AND revision_id = ${revisionId}`);
    await insertDocuments(tx, await loadRevisionDocuments(tx, catalogId, revisionId));
  }
  await bumpGeneration(tx);
  return { tookAhead };
}

async function documentsOfRevision(db: DbOrTx, catalogId: number, revisionId: number): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM search_fts_documents WHERE catalog_id = ${catalogId} AND revision_id = ${revisionId}`);
  return row?.n ?? 0;
}

/**
 * Removes the catalog's documents of every revision but its live one (the one a publish
 * replaced, what an unfinished publish wrote ahead), BATCH at a time in short transactions. No
 * search takes them, so the generation does not move.
 */
export async function removeReplacedDocuments(db: Db, catalogId: number): Promise<void> {
  await writesInSteps(async (step) => {
    let removed: number;
    do {
      removed = await db.transaction(async (tx) => {
        // The live revision as this step sees it: another publish may have moved it since the last.
        const live = await liveRevisionOf(tx, catalogId);
        // Two ranges of the (catalog_id, revision_id) index, not a walk through the live documents.
        const replaced = live === null ? sql`catalog_id = ${catalogId}` : sql`catalog_id = ${catalogId} AND (revision_id < ${live} OR revision_id > ${live})`;
        const ids = (await tx.all<{ id: number }>(sql`SELECT item_id AS id FROM search_fts_documents WHERE ${replaced} LIMIT ${BATCH}`)).map((r) => r.id);
        if (ids.length > 0) await removeWhere(tx, sql`item_id IN (${idList(ids)})`);
        return ids.length;
      });
      await step();
    } while (removed === BATCH);
  });
}

/**
 * Removes, in every catalog, the documents of revisions that are not live: what a publish left
 * when its process died before or just after its switch. No search takes them, but they count
 * in FTS5's word list and matches until the catalog's next publish would remove them. Run when
 * the background work starts; a publish under way meanwhile writes inside its transaction
 * whatever this removed ahead of it. Returns how many catalogs had some.
 */
export async function removeStrayDocuments(db: Db): Promise<number> {
  // Per catalog, two ranges of the (catalog_id, revision_id) index around the live revision.
  const catalogs = await db.all<{ id: number }>(sql`SELECT c.id FROM catalogs c WHERE EXISTS (SELECT 1 FROM search_fts_documents d
    WHERE d.catalog_id = c.id AND (c.live_revision_id IS NULL OR d.revision_id < c.live_revision_id OR d.revision_id > c.live_revision_id))`);
  for (const { id } of catalogs) await removeReplacedDocuments(db, id);
  return catalogs.length;
}

/** Rebuilds the whole embedded index from libSQL (npm run search:reindex; first start after the migration). */
export async function rebuildEmbeddedIndex(db: DbOrTx): Promise<{ catalogs: number; documents: number }> {
  await db.run(sql`DELETE FROM search_fts_documents`);
  await db.run(sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`);
  let catalogs = 0;
  let documents = 0;
  for (const catalogId of await listCatalogIds(db)) {
    const docs = await loadLiveDocuments(db, catalogId);
    if (docs.length === 0) continue;
    await insertDocuments(db, docs);
    catalogs++;
    documents += docs.length;
  }
  await db.run(sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`);
  await db.run(sql`UPDATE search_fts_state SET value = 0 WHERE key = 'needs_rebuild'`);
  await bumpGeneration(db);
  return { catalogs, documents };
}

/** Whether the index predates documents already live (set by the migration on an existing database). */
export async function embeddedNeedsRebuild(db: DbOrTx): Promise<boolean> {
  const [row] = await db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'needs_rebuild'`);
  return (row?.value ?? 0) !== 0;
}
