import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { loadEnv, databaseUrl } from './load-env.ts';

loadEnv();
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
await runMigrations(database);
database.client.close();
console.log(`Migrations applied to ${databaseUrl()}`);
