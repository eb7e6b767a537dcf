import { resolve } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { loadEnv, databaseUrl } from './load-env.ts';

loadEnv();
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
await runMigrations(database);
await seedDemo(database, { mediaDir: resolve(process.env.MEDIA_DIR || 'data/media'), log: console.log });
database.client.close();
