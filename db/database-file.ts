import type { Db } from './client.ts';

const files = new WeakMap<Db, string>();

/** Remembers the local file a database was opened on (openDatabase, for a file other than :memory:). */
export function registerDatabaseFile(db: Db, path: string): void {
  files.set(db, path);
}

/** The local file of a database opened by openDatabase; null for a remote server, :memory: or a transaction. */
export function databaseFileOf(db: Db): string | null {
  return files.get(db) ?? null;
}
