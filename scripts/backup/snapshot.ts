import { createClient } from '@libsql/client';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { filePathOf } from '#db/client.ts';
import { uploadsDirOf } from '#features/ingest/uploads/upload-paths.ts';

export interface BackupManifest { format: 1; createdAt: string; database: string; media: string; uploads: string }

const DB_FILE = 'vitrine.db';

/**
 * An online backup: a consistent snapshot of the database (`VACUUM INTO`, which reads one
 * committed state while the server goes on reading and writing), then the media and uploads
 * folders. Files there are written once under their content hash (or a fresh name) and never
 * changed, so a copy taken after the snapshot holds every file the snapshot names. A remote
 * libSQL database (libsql://, http://) is backed up by its server, not here.
 */
export async function backup(databaseUrl: string, mediaDir: string, target: string, now = new Date()): Promise<BackupManifest> {
  const path = filePathOf(databaseUrl);
  if (!path || path === ':memory:') throw new Error(`DATABASE_URL ${databaseUrl} is not a local file: back a libSQL server up with its own backups (see README, Operating Vitrine).`);
  if (!existsSync(path)) throw new Error(`There is no database at ${path}.`);
  const dir = resolve(target);
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new Error(`${dir} is not empty: back up into a new folder.`);
  await mkdir(dir, { recursive: true });
  const client = createClient({ url: `file:${path}`, timeout: 5000 } as Parameters<typeof createClient>[0]);
  try {
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute({ sql: 'VACUUM INTO ?', args: [join(dir, DB_FILE)] });
  } finally {
    client.close();
  }
  const media = resolve(mediaDir);
  const uploads = uploadsDirOf(media);
  if (existsSync(media)) await cp(media, join(dir, 'media'), { recursive: true });
  else await mkdir(join(dir, 'media'));
  if (existsSync(uploads)) await cp(uploads, join(dir, 'uploads'), { recursive: true, filter: (src) => !src.endsWith('.tmp') });
  else await mkdir(join(dir, 'uploads'));
  const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), database: DB_FILE, media: 'media', uploads: 'uploads' };
  await writeFile(join(dir, 'backup.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * Puts a backup back, on a stopped instance: the database file (its -wal and -shm removed, so no
 * stale log is replayed onto it), the media and the uploads folders. What was there is kept
 * beside it as `<name>.before-restore-<time>`.
 */
export async function restore(databaseUrl: string, mediaDir: string, source: string, now = new Date()): Promise<{ keptAside: string[] }> {
  const path = filePathOf(databaseUrl);
  if (!path || path === ':memory:') throw new Error(`DATABASE_URL ${databaseUrl} is not a local file: restore a libSQL server from its own backups.`);
  const dir = resolve(source);
  const manifest = JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`${dir} holds a backup of an unknown format.`);
  await stat(join(dir, manifest.database));
  const suffix = `.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  const keptAside: string[] = [];
  const setAside = async (p: string) => {
    if (!existsSync(p)) return;
    await rename(p, p + suffix);
    keptAside.push(p + suffix);
  };
  await setAside(path);
  for (const extra of [`${path}-wal`, `${path}-shm`]) await rm(extra, { force: true });
  await mkdir(resolve(path, '..'), { recursive: true });
  await cp(join(dir, manifest.database), path);
  const media = resolve(mediaDir);
  const uploads = uploadsDirOf(media);
  await setAside(media);
  await setAside(uploads);
  await cp(join(dir, manifest.media), media, { recursive: true });
  await cp(join(dir, manifest.uploads), uploads, { recursive: true });
  return { keptAside };
}
