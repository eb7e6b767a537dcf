// Started by playwright.config.ts: a seeded database of its own, then the built server.
import { resolve } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { serve } from '../../scripts/serve.ts';

const database = await openDatabase(process.env.DATABASE_URL!);
await runMigrations(database);
await seedDemo(database, { mediaDir: resolve(process.env.MEDIA_DIR!), log: console.log });
database.client.close();
await serve();
