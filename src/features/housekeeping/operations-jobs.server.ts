import type { Db } from '#db/client.ts';
import { repeatingTask, type RepeatingTask } from '#features/ingest/uploads/repeating-task.ts';
import { logger } from '#features/observability/logger.server.ts';
import { sendBuyerDigests } from '#features/notifications/buyer-digest.server.ts';
import { runHousekeeping } from './housekeeping.server.ts';

const KEY = Symbol.for('vitrine.operationsJobs');
type Holder = Record<symbol, { housekeeping: RepeatingTask; digests: RepeatingTask } | undefined>;

/**
 * Housekeeping every hour (and once soon after start), and the buyers' digests checked every
 * 15 minutes (each buyer gets one at most once a day). Started once per process.
 */
export function startOperationsJobs(deps: { db: Db; keepRevisions: number }): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  const housekeeping = repeatingTask('housekeeping', async () => {
    const started = Date.now();
    const removed = await runHousekeeping(deps.db, { keepRevisions: deps.keepRevisions });
    logger.info({ job: 'housekeeping', status: 'done', ms: Date.now() - started, removed }, 'housekeeping');
  }, 60 * 60_000);
  const digests = repeatingTask('digests', async () => { await sendBuyerDigests(deps.db); }, 15 * 60_000);
  holder[KEY] = { housekeeping, digests };
  setTimeout(() => { housekeeping.wake(); digests.wake(); }, 30_000).unref();
}
