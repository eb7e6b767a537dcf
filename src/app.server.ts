import { DATABASE_URL, DATABASE_AUTH_TOKEN, MEDIA_DIR, UPLOAD_MAX_BYTES, MEILISEARCH_URL, MEILISEARCH_API_KEY } from 'astro:env/server';
import { resolve } from 'node:path';
import { openDatabase, type Database } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';

/** The process-wide dependencies handed to feature functions. */
export interface App {
  database: Database;
  mediaDir: string;
  uploadMaxBytes: number;
  meilisearch: { url: string; apiKey?: string } | null;
}

let app: Promise<App> | undefined;

/** Opens the database once per process and applies pending migrations before the first request is served. */
export function getApp(): Promise<App> {
  app ??= (async () => {
    const database = await openDatabase(DATABASE_URL, DATABASE_AUTH_TOKEN);
    await runMigrations(database);
    return {
      database,
      mediaDir: resolve(MEDIA_DIR),
      uploadMaxBytes: UPLOAD_MAX_BYTES,
      meilisearch: MEILISEARCH_URL ? { url: MEILISEARCH_URL, apiKey: MEILISEARCH_API_KEY } : null,
    };
  })();
  app.catch(() => { app = undefined; });
  return app;
}
