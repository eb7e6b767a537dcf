import { DATABASE_URL, DATABASE_AUTH_TOKEN, MEDIA_DIR, UPLOAD_MAX_BYTES, MEDIA_MAX_BYTES, MEILISEARCH_URL, MEILISEARCH_API_KEY, SMTP_URL, MAIL_FROM, METRICS_TOKEN, KEEP_REVISIONS } from 'astro:env/server';
import { resolve } from 'node:path';
import { openDatabase, type Database } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { uploadsDirOf } from '#features/ingest/uploads/upload-paths.ts';
import { startBackgroundJobs } from '#server/background-jobs.server.ts';
import { configureStorageQuota } from '#features/media/storage-quota.server.ts';
import { configureMail } from '#features/mail/mail-config.ts';
import { startMailSender } from '#features/mail/mail-sender.server.ts';
import { startOperationsJobs } from '#features/housekeeping/operations-jobs.server.ts';
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
}

let app: Promise<App> | undefined;

/** Opens the database once per process and applies pending migrations before the first request is served. */
export function getApp(): Promise<App> {
  app ??= (async () => {
    const database = await openDatabase(DATABASE_URL, DATABASE_AUTH_TOKEN);
    await runMigrations(database);
    // Items stored before lookup and sort keys existed get them, in the background, once.
    if (await itemKeysMissing(database.db)) void fillItemKeys(database.db).catch((e: unknown) => console.error('filling item keys failed', e));
    const mediaDir = resolve(MEDIA_DIR);
    const uploadsDir = uploadsDirOf(mediaDir);
    // MEDIA_MAX_BYTES: uploads and image variants are refused with a clear message before these folders outgrow it.
    configureStorageQuota(MEDIA_MAX_BYTES, [mediaDir, uploadsDir]);
    // Uploads read in the background and scheduled publishing; resumes what a restart interrupted.
    await startBackgroundJobs({ db: database.db, mediaDir, uploadsDir });
    // Mail: without SMTP_URL mails wait in the outbox (readable at /admin/mail); with it, a sender retries until sent.
    configureMail({ smtpUrl: SMTP_URL ?? null, from: MAIL_FROM ?? null });
    if (SMTP_URL) startMailSender(database.db, SMTP_URL, MAIL_FROM ?? null);
    // Housekeeping (expired sessions, spent links, old revisions beyond KEEP_REVISIONS) and the buyers' daily digests.
    startOperationsJobs({ db: database.db, keepRevisions: KEEP_REVISIONS });
    return {
      database,
      mediaDir,
      uploadsDir,
      uploadMaxBytes: UPLOAD_MAX_BYTES,
      meilisearch: MEILISEARCH_URL ? { url: MEILISEARCH_URL, apiKey: MEILISEARCH_API_KEY } : null,
      metricsToken: METRICS_TOKEN || null,
    };
  })();
  app.catch(() => { app = undefined; });
  return app;
}
