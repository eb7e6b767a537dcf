import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema/index.ts';
import { queueWrites } from './write-queue.ts';
import { registerHotReads } from './hot-reads.ts';
import { readsTakeTurns } from './reads-take-turns.ts';
import { preparedReads } from './prepared-reads.ts';
import { registerDatabaseFile } from './database-file.ts';
import { overrideMethods } from './override-methods.ts';
import { withoutCheckpointsOnCommit } from './checkpoints-elsewhere.ts';

export type Db = LibSQLDatabase<typeof schema>;
export interface Database { db: Db; client: Client; url: string }

export const DEFAULT_DATABASE_URL = 'file:data/vitrine.db';

/** The local path of a `file:` URL, or null for a remote libSQL server. */
export function filePathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
}

/**
 * Opens the database. For a local file: WAL (readers never wait for the one writer),
 * foreign keys on every pooled connection, a busy timeout so writers of other processes wait
 * instead of failing with SQLITE_BUSY, and this process's writes taking turns (write-queue.ts),
 * since the local driver waits for a lock synchronously, and its reads taking turns with the rest
 * of the event loop (reads-take-turns.ts) through statements prepared once (prepared-reads.ts).
 */
export interface OpenOptions {
  /** Hand reads to a thread of their own (prepared-reads.ts; default true): for a process that serves requests. */
  readsInThread?: boolean;
  /**
   * Whether a commit that finds the write-ahead log long copies it into the database file, as
   * SQLite does by default (true); false for a serving process of several, whose background
   * process checkpoints instead (checkpoints-elsewhere.ts).
   */
  checkpointOnCommit?: boolean;
}

export async function openDatabase(url: string = DEFAULT_DATABASE_URL, authToken?: string, options: OpenOptions = {}): Promise<Database> {
  const path = filePathOf(url);
  if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const opened = createClient({ url, authToken, timeout: 5000 });
  const reads = path && path !== ':memory:' ? preparedReads(opened, path, { thread: options.readsInThread ?? true }) : null;
  const reading = reads?.client ?? opened;
  const writing = options.checkpointOnCommit === false ? withoutCheckpointsOnCommit(reading) : reading;
  const client = path ? queueWrites(readsTakeTurns(writing), path) : opened;
  if (path) await client.execute('PRAGMA journal_mode = WAL');
  // libSQL opens every pooled connection with foreign keys on; this makes the intent explicit.
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema });
  if (!path || !reads) return { db, client, url };
  registerDatabaseFile(db, path);
  registerHotReads(db, reads.hot);
  // Closing the client closes the prepared reads' connection too.
  const closing = overrideMethods(client, { close: () => { reads.close(); client.close(); } });
  return { db, client: closing, url };
}
