import { DATABASE_URL, DATABASE_AUTH_TOKEN, MEDIA_DIR, UPLOAD_MAX_BYTES, MEDIA_MAX_BYTES, MEILISEARCH_URL, MEILISEARCH_API_KEY, SMTP_URL, MAIL_FROM, METRICS_TOKEN, KEEP_REVISIONS, WEBHOOK_ALLOW_PRIVATE_ADDRESSES, WEBHOOK_RETRY_BASE_MS } from 'astro:env/server';
import { resolve } from 'node:path';
import { openDatabase, type Database } from '#db/client.ts';
import { checkpointEvery } from '#db/checkpoints-elsewhere.ts';
import { runMigrations } from '#db/migrate.ts';
import { uploadsDirOf } from '#features/ingest/uploads/upload-paths.ts';
import { startBackgroundJobs } from '#server/background-jobs.server.ts';
import { configureStorageQuota } from '#features/media/storage-quota.server.ts';
import { configureMail } from '#features/mail/mail-config.ts';
import { leaveSearchSnapshots } from '#features/search/search-snapshot-setting.ts';
import { startMailSender } from '#features/mail/mail-sender.server.ts';
import { startOperationsJobs } from '#features/housekeeping/operations-jobs.server.ts';
import { processRole, runsBackgroundWork } from '#kernel/process-role.ts';
import type { WebhookSettings } from '#features/webhooks/deliver-webhooks.server.ts';
import { fillItemKeys, itemKeysMissing } from '#features/ingest/revisions/fill-item-keys.server.ts';

/** The process-wide dependencies handed to feature functions. */
export interface App {
  database: Database;
  mediaDir: string;
  /** Where uploads are kept until their revision is published or discarded (beside mediaDir). */
  uploadsDir: string;
  uploadMaxBytes: number;
  meilisearch: { url: string; apiKey?: string } | null;
  /** The bearer token GET /metrics asks for; null: /metrics answers no one. */
  metricsToken: string | null;
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES and WEBHOOK_RETRY_BASE_MS: where webhooks may go, and how soon they are retried. */
  webhooks: WebhookSettings;
}

let app: Promise<App> | undefined;

/** How often the background process copies the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

/** Opens the database once per process and applies pending migrations before the first request is served. */
export function getApp(): Promise<App> {
  app ??= (async () => {
    // The background process serves no one: its reads stay on its loop, without a read thread's
    // copies of every large result (the 100,000-row import peaked at 403 MB with one).
    // Nor does it mind copying the write-ahead log into the database file: a serving process of
    // several leaves that to it, so no buyer's request waits on a checkpoint after a publish.
    const role = processRole();
    const database = await openDatabase(DATABASE_URL, DATABASE_AUTH_TOKEN, { readsInThread: role !== 'jobs', checkpointOnCommit: role !== 'web' });
    if (role === 'jobs' && database.url.startsWith('file:')) checkpointEvery(database.client, CHECKPOINT_EVERY_MS, (e) => console.error('checkpointing the write-ahead log failed', e));
    await runMigrations(database);
    // Items stored before lookup and sort keys existed get them, in the background, once: by the
    // process that does the background work, so serving processes never write these batches.
    if (runsBackgroundWork() && (await itemKeysMissing(database.db))) void fillItemKeys(database.db).catch((e: unknown) => console.error('filling item keys failed', e));
    const mediaDir = resolve(MEDIA_DIR);
    const uploadsDir = uploadsDirOf(mediaDir);
    // MEDIA_MAX_BYTES: uploads and image variants are refused with a clear message before these folders outgrow it.
    configureStorageQuota(MEDIA_MAX_BYTES, [mediaDir, uploadsDir]);
    // Webhooks go to public addresses only, unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES (the demo, tests) says otherwise.
    const webhooks: WebhookSettings = { allowPrivateAddresses: WEBHOOK_ALLOW_PRIVATE_ADDRESSES, retryBaseMs: WEBHOOK_RETRY_BASE_MS };
    configureMail({ smtpUrl: SMTP_URL ?? null, from: MAIL_FROM ?? null });
    leaveSearchSnapshots(!MEILISEARCH_URL);
    // A serving process of several (src/server/cluster.server.ts) leaves all of this to the jobs process.
    if (runsBackgroundWork()) {
      // Uploads read in the background, scheduled publishing and webhook deliveries; resumes what a restart interrupted.
      await startBackgroundJobs({ db: database.db, mediaDir, uploadsDir, webhooks });
      // Mail: without SMTP_URL mails wait in the outbox (readable at /admin/mail); with it, a sender retries until sent.
      if (SMTP_URL) startMailSender(database.db, SMTP_URL, MAIL_FROM ?? null);
      // Housekeeping (expired sessions, spent links, old revisions beyond KEEP_REVISIONS) and the buyers' daily digests.
      startOperationsJobs({ db: database.db, keepRevisions: KEEP_REVISIONS });
    }
    return {
      database,
      mediaDir,
      uploadsDir,
      uploadMaxBytes: UPLOAD_MAX_BYTES,
      meilisearch: MEILISEARCH_URL ? { url: MEILISEARCH_URL, apiKey: MEILISEARCH_API_KEY } : null,
      metricsToken: METRICS_TOKEN || null,
      webhooks,
    };
  })();
  app.catch(() => { app = undefined; });
  return app;
}
