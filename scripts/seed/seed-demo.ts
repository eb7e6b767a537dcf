import type { Database } from '#db/client.ts';
import { seedAccounts } from './seed-accounts.ts';
import { seedCatalogs } from './seed-catalogs.ts';
import { seedViews } from './seed-views.ts';
import { seedPunchout } from './seed-punchout.ts';

export interface SeedOptions { mediaDir: string; log?: (line: string) => void }

/**
 * The whole demo: accounts, the suppliers' catalogs loaded through the upload pipeline, and
 * the customers' views. Idempotent: running it again adds only what is missing.
 */
export async function seedDemo(database: Database, options: SeedOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const orgIds = await seedAccounts(database.db);
  log('Demo organizations and accounts are in place.');
  await seedCatalogs(database.db, options.mediaDir, orgIds, log);
  await seedViews(database.db, orgIds, new Date());
  log('Demo customer views are published.');
  await seedPunchout(database.db, orgIds, new Date());
  log('Demo procurement connections (cXML for Globex, OCI for Initech) are in place.');
}
