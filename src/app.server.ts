import { DATABASE_URL, DATABASE_AUTH_TOKEN, MEDIA_DIR, UPLOAD_MAX_BYTES, MEDIA_MAX_BYTES, MEILISEARCH_URL, MEILISEARCH_API_KEY } from 'astro:env/server';
import { resolve } from 'node:path';
import { openDatabase, type Database } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { uploadsDirOf } from '#features/ingest/uploads/upload-paths.ts';
import { startBackgroundJobs } from '#server/background-jobs.server.ts';
import { configureStorageQuota } from '#features/media/storage-quota.server.ts';

/** The process-wide dependencies handed to feature functions. */
export interface App {
  database: Database;
  mediaDir: string;
  /** Where uploads are kept until their revision is published or discarded (beside mediaDir). */
  uploadsDir: string;
  uploadMaxBytes: number;
  meilisearch: { url: string; apiKey?: string } | null;
}

let app: Promise<App> | undefined;

/** Opens the database once per process and applies pending migrations before the first request is served. */
export function getApp(): Promise<App> {
  app ??= (async () => {
    const database = await openDatabase(DATABASE_URL, DATABASE_AUTH_TOKEN);
    await runMigrations(database);
    const mediaDir = resolve(MEDIA_DIR);
    const uploadsDir = uploadsDirOf(mediaDir);
    // MEDIA_MAX_BYTES: uploads and image variants are refused with a clear message before these folders outgrow it.
    configureStorageQuota(MEDIA_MAX_BYTES, [mediaDir, uploadsDir]);
    // Uploads read in the background and scheduled publishing; resumes what a restart interrupted.
    await startBackgroundJobs({ db: database.db, mediaDir, uploadsDir });
    return {
      database,
      mediaDir,
      uploadsDir,
      uploadMaxBytes: UPLOAD_MAX_BYTES,
      meilisearch: MEILISEARCH_URL ? { url: MEILISEARCH_URL, apiKey: MEILISEARCH_API_KEY } : null,
    };
  })();
  app.catch(() => { app = undefined; });
  return app;
}
