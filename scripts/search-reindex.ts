// npm run search:reindex — rebuilds search from libSQL, the source of truth: the embedded index,
// and every Meilisearch catalog index when MEILISEARCH_URL is set. Safe to run while the app serves.
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { loadEnv, databaseUrl } from './load-env.ts';
import { MeilisearchEngine, describeSearchError } from '#features/search/meili-engine.server.ts';
import { reindexAll } from '#features/search/reindex.server.ts';

loadEnv();
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
await runMigrations(database);
const url = process.env.MEILISEARCH_URL;
const meili = url ? new MeilisearchEngine({ url, apiKey: process.env.MEILISEARCH_API_KEY, timeoutMs: 60_000 }) : null;
console.log(meili ? `Rebuilding the embedded index and Meilisearch at ${new URL(url!).origin}…` : 'Rebuilding the embedded index (MEILISEARCH_URL is not set)…');
const started = Date.now();
try {
  const report = await reindexAll(database.db, meili, console.log);
  if (report.external) console.log(`Meilisearch: ${report.external.documents} documents of ${report.external.catalogs} catalogs; ${report.external.droppedIndexes} stale indexes removed.`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s; ${report.outboxCleared} pending sync entries covered.`);
} catch (e) {
  console.error(`Reindex failed: ${describeSearchError(e)}`);
  console.error('The embedded index is rebuilt only if the line "Embedded index: …" was printed; pending sync entries stay pending and the app retries them.');
  process.exitCode = 1;
} finally {
  database.client.close();
}
