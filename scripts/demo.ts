// The demo: migrate, seed the demo data, build when sources changed, start, print the sign-ins.
import { resolve } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { demoSignInTable } from '#seed/demo-accounts.ts';
import { loadEnv, databaseUrl } from './load-env.ts';
import { buildIfStale } from './build-if-stale.ts';
import { serve } from './serve.ts';

loadEnv();
// The demo's webhook receivers run on this machine (http://127.0.0.1:…); production keeps private addresses refused.
process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ??= 'true';
const database = await openDatabase(databaseUrl(), process.env.DATABASE_AUTH_TOKEN);
await runMigrations(database);
await seedDemo(database, { mediaDir: resolve(process.env.MEDIA_DIR || 'data/media'), log: console.log });
database.client.close();
buildIfStale();
await serve();
console.log('\n' + demoSignInTable(`http://${process.env.HOST}:${process.env.PORT}`) + '\n');
