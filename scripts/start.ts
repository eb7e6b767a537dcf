// Production start: pending migrations first, then the server. Never seeds demo data.
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { loadEnv, databaseUrl } from './load-env.ts';
import { buildIfStale } from './build-if-stale.ts';
import { serve } from './serve.ts';

loadEnv();
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
await runMigrations(database);
database.client.close();
buildIfStale();
await serve();
