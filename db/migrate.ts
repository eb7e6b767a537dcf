import { migrate } from 'drizzle-orm/libsql/migrator';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

/**
 * Beside this file when run from source; from the project folder when this code was bundled
 * into dist/ (the server always starts from the project folder).
 */
function migrationsFolder(): string {
  const beside = fileURLToPath(new URL('./migrations', import.meta.url));
  return existsSync(resolve(beside, 'meta/_journal.json')) ? beside : resolve('db/migrations');
}

/** Applies the committed migrations that have not run yet; safe to call on every start. */
export async function runMigrations(database: Database, folder: string = migrationsFolder()): Promise<void> {
  await migrate(database.db, { migrationsFolder: folder });
}
