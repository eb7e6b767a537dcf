import { openDatabase } from '#db/client.ts';
import { logger } from '#features/observability/logger.server.ts';
import { hasAdministrator } from './first-administrator.server.ts';
import { issueSetupToken } from './setup-token.ts';

/**
 * At start (scripts/serve.ts): when the database has no administrator yet, prints one line with
 * the single-use setup URL. The token is valid until used or until this process stops.
 */
export async function announceFirstRun(origin: string): Promise<void> {
  const database = await openDatabase(process.env.DATABASE_URL || 'file:data/vitrine.db', process.env.DATABASE_AUTH_TOKEN);
  try {
    if (await hasAdministrator(database.db)) return;
  } catch {
    // not migrated yet (serve.ts alone on an empty file): the app migrates on its first request
  } finally {
    database.client.close();
  }
  const setupUrl = `${origin}/setup?token=${issueSetupToken()}`;
  logger.info({ setupUrl }, `First run: open ${setupUrl} to name your organization and create the first administrator (this link works once, until the server restarts).`);
}
