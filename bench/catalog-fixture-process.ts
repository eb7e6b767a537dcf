// Builds the catalog page bench's fixture (catalog-fixture.ts) into a new database file, in a
// process of its own: building it left the measuring process with a 1 GB RSS, and its
// collections (9 full ones, up to 36 ms) then ran while pages were being timed.
// Run by bench/catalog-page.ts: node bench/catalog-fixture-process.ts <database URL> <media dir>
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { buildBenchCatalog } from './catalog-fixture.ts';

const [databaseUrl, mediaDir] = process.argv.slice(2);
if (!databaseUrl || !mediaDir) throw new Error('usage: node bench/catalog-fixture-process.ts <database URL> <media dir>');
const database = await openDatabase(databaseUrl);
try {
  await runMigrations(database);
  await buildBenchCatalog(database, mediaDir);
} finally {
  database.client.close();
}
