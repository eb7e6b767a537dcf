import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';

export interface TempDatabase { database: Database; dir: string; mediaDir: string; close(): void }

/** A real libSQL file in a fresh temporary folder, migrated from the committed migrations. */
export async function openTempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-test-'));
  const database = await openDatabase(`file:${join(dir, 'test.db')}`);
  await runMigrations(database);
  return {
    database, dir, mediaDir: join(dir, 'media'),
    close() { database.client.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
