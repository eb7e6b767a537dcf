import { MeilisearchApiError, type Meilisearch } from 'meilisearch';
import { MEILI_SETTINGS } from './meili-settings.ts';
import { awaitTask, awaitTasks } from './meili-tasks.ts';
import { buildIndexUid, catalogIndexUid, toMeiliDocument } from './meili-documents.ts';
import type { SearchDocument } from './search-document.ts';

const DOCUMENT_BATCH = 1_000;

function isNotFound(e: unknown): boolean {
  return e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found';
}

async function indexExists(client: Meilisearch, uid: string): Promise<boolean> {
  try {
    await client.getRawIndex(uid);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** Creates the index if missing and applies the settings; waits for both. */
export async function ensureIndex(client: Meilisearch, uid: string): Promise<void> {
  if (!(await indexExists(client, uid))) await awaitTask(client.createIndex(uid, { primaryKey: 'id' }));
  await awaitTask(client.index(uid).updateSettings(MEILI_SETTINGS));
}

/**
 * Republishes a catalog: a fresh index is built next to the live one (settings, then documents
 * in batches, every task awaited), then the two are swapped in one Meilisearch task, so buyers
 * see the old catalog or the new one, never half of each. The old documents are then dropped.
 */
export async function replaceCatalogIndex(client: Meilisearch, prefix: string, catalogId: number, documents: readonly SearchDocument[]): Promise<void> {
  const live = catalogIndexUid(prefix, catalogId);
  const build = buildIndexUid(prefix, catalogId);
  await client.deleteIndexIfExists(build); // a build left by an interrupted attempt
  await ensureIndex(client, build);
  const docs = documents.map(toMeiliDocument);
  if (docs.length) await awaitTasks(client.index(build).addDocumentsInBatches(docs, DOCUMENT_BATCH));
  await ensureIndex(client, live);
  await awaitTask(client.swapIndexes([{ indexes: [live, build], rename: false }]));
  await awaitTask(client.deleteIndex(build));
}

export async function addCatalogDocuments(client: Meilisearch, prefix: string, catalogId: number, documents: readonly SearchDocument[]): Promise<void> {
  const uid = catalogIndexUid(prefix, catalogId);
  await ensureIndex(client, uid);
  await awaitTasks(client.index(uid).addDocumentsInBatches(documents.map(toMeiliDocument), DOCUMENT_BATCH));
}

export async function deleteCatalogDocuments(client: Meilisearch, prefix: string, catalogId: number, itemIds: readonly number[]): Promise<void> {
  const uid = catalogIndexUid(prefix, catalogId);
  if (!(await indexExists(client, uid))) return;
  await awaitTask(client.index(uid).deleteDocuments([...itemIds]));
}

/** Applies the settings to every catalog index of this prefix (at start: settings may have changed with a new release). */
export async function applySettingsToAll(client: Meilisearch, prefix: string): Promise<number> {
  const { results } = await client.getRawIndexes({ limit: 10_000 });
  const ours = results.map((r) => r.uid).filter((uid) => uid.startsWith(`${prefix}_catalog_`) && !uid.endsWith('_next'));
  await awaitTasks(ours.map((uid) => client.index(uid).updateSettings(MEILI_SETTINGS)));
  return ours.length;
}

/** Deletes the catalog indexes of this prefix not in `keep` (catalogs that no longer exist). */
export async function dropOtherIndexes(client: Meilisearch, prefix: string, keep: ReadonlySet<number>): Promise<number> {
  const { results } = await client.getRawIndexes({ limit: 10_000 });
  const pattern = new RegExp(`^${prefix}_catalog_(\\d+)(_next)?$`);
  const drop = results.map((r) => r.uid).filter((uid) => {
    const m = pattern.exec(uid);
    return m !== null && (m[2] !== undefined || !keep.has(Number(m[1])));
  });
  await awaitTasks(drop.map((uid) => client.deleteIndex(uid)));
  return drop.length;
}
