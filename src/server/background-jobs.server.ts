import type { Db } from '#db/client.ts';
import { publishDueSchedules } from '#features/catalogs/publish-due-schedules.server.ts';
import { claimNextRevision } from '#features/ingest/revisions/claim-revision.server.ts';
import { releaseFinishedUploads, removeOrphanUploads } from '#features/ingest/uploads/release-uploads.server.ts';
import { repeatingTask, type RepeatingTask } from '#features/ingest/uploads/repeating-task.ts';
import { runUploadJob } from '#features/ingest/uploads/run-upload-job.server.ts';
import { removeStrayDocuments } from '#features/search/embedded-documents.server.ts';
import { logger } from '#features/observability/logger.server.ts';
import { isWakeMessage, type WakeMessage } from './wake-message.ts';
import { answerHeavyWork } from './off-loop-tasks.server.ts';
import { announceWriteTransactions } from './long-write-signal.server.ts';
import { processRole } from '#kernel/process-role.ts';
import { onWebhookNudge } from '#features/webhook-events/webhook-outbox.server.ts';
import type { WebhookSettings } from '#features/webhooks/deliver-webhooks.server.ts';
import { runWebhookRound, webhookPollMs } from '#features/webhooks/webhook-round.server.ts';

export interface BackgroundDeps { db: Db; mediaDir: string; uploadsDir: string; now?: () => Date; pollMs?: number; webhooks?: WebhookSettings }

export interface BackgroundJobs {
  /** Uploads: reads waiting revisions, one at a time. */
  uploads: RepeatingTask;
  /** Schedules: makes due scheduled revisions live. */
  schedules: RepeatingTask;
  /** Webhooks: turns the webhook outbox into deliveries and sends those due (null without settings). */
  webhooks: RepeatingTask | null;
  stop(): Promise<void>;
}

/** Reads every waiting revision, one after the other, then deletes uploads no longer needed. */
export async function runWaitingUploads(deps: BackgroundDeps): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let count = 0;
  for (let claim = await claimNextRevision(deps.db, now()); claim; claim = await claimNextRevision(deps.db, now())) {
    const started = Date.now();
    await runUploadJob({ db: deps.db, mediaDir: deps.mediaDir, uploadsDir: deps.uploadsDir, now }, claim);
    logger.info({ job: 'upload', revisionId: claim.id, status: 'done', ms: Date.now() - started }, 'upload read');
    count++;
  }
  await releaseFinishedUploads(deps.db, deps.uploadsDir);
  return count;
}

/**
 * The process's background work: an in-process queue reading uploads one at a time, the
 * scheduler, and the webhook sender. Both keep their state in the database (revisions in `processing`, scheduledAt), so
 * a restart picks up where the last process stopped: a revision whose reader died is read again,
 * a schedule that fell due meanwhile goes live at once. Polling also finds work another app
 * process left; waking makes it start at once.
 */
export function createBackgroundJobs(deps: BackgroundDeps): BackgroundJobs {
  const now = deps.now ?? (() => new Date());
  const pollMs = deps.pollMs ?? 5000;
  const uploads = repeatingTask('uploads', async () => { await runWaitingUploads(deps); }, pollMs);
  const schedules = repeatingTask('schedules', async () => {
    await publishDueSchedules(deps.db, now());
    await releaseFinishedUploads(deps.db, deps.uploadsDir);
  }, pollMs);
  // Deliveries and their retries live in the database, so a restart sends what a killed process left (after its claim's lease).
  const settings = deps.webhooks;
  const webhooks = settings ? repeatingTask('webhooks', () => runWebhookRound(deps.db, settings), webhookPollMs(settings)) : null;
  return {
    uploads, schedules, webhooks,
    async stop() {
      onWebhookNudge(undefined);
      await Promise.all([uploads.stop(), schedules.stop(), webhooks?.stop()]);
    },
  };
}

const KEY = Symbol.for('vitrine.backgroundJobs');
type Holder = { [KEY]?: BackgroundJobs };

/** Starts the process's background work once (a second call returns the running one). */
export async function startBackgroundJobs(deps: BackgroundDeps): Promise<BackgroundJobs> {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const jobs = createBackgroundJobs(deps);
  holder[KEY] = jobs;
  // In the jobs process of several (cluster.server.ts), serving processes wake it through the primary.
  process.on('message', (message: unknown) => { if (isWakeMessage(message)) wakeBackgroundJobs(message.which); });
  answerHeavyWork(deps.db);
  if (processRole() === 'jobs') announceWriteTransactions();
  await removeOrphanUploads(deps.db, deps.uploadsDir, (deps.now ?? (() => new Date()))()).catch((e) => console.error('removing stray uploads', e));
  // Due schedules first, so the first request after a restart already sees them live.
  jobs.schedules.wake();
  await jobs.schedules.idle();
  jobs.uploads.wake();
  removeStrayDocuments(deps.db).then(
    (catalogs) => { if (catalogs > 0) logger.info({ job: 'search-index', catalogs }, 'search documents an unfinished publish left were removed'); },
    (e: unknown) => logger.error({ err: e }, 'removing search documents an unfinished publish left failed (the next publish of each catalog removes them)'),
  );
  if (jobs.webhooks) {
    const webhooks = jobs.webhooks;
    onWebhookNudge(() => webhooks.wake());
    webhooks.wake();
  }
  return jobs;
}

/**
 * Tells the background work that there is something to do now: this process's own, or, in a
 * serving process of several, the jobs process's (through the primary). Polling finds it anyway.
 */
export function wakeBackgroundJobs(which: WakeMessage['which'] = 'both'): void {
  const jobs = (globalThis as Holder)[KEY];
  if (!jobs) {
    if (process.send && process.connected) process.send({ kind: 'vitrine:wake', which } satisfies WakeMessage);
    return;
  }
  if (which !== 'schedules') jobs.uploads.wake();
  if (which !== 'uploads') jobs.schedules.wake();
}
