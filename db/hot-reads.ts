import type { Db } from './client.ts';

/**
 * One value read by a statement prepared once, synchronously (prepared-reads.ts answers these
 * on its connection). Going through the client costs a promise, a prepare, a column list and a
 * row object per call (about 0.1 ms); a read asked on every request, like the change stamp, is
 * worth a few microseconds.
 */
export interface HotReads {
  /** The value, kept while nobody anywhere has committed since it was read (commit-watch.ts). */
  value(sql: string): unknown;
  /** The value as the statement answers it now: for a check that the database answers at all. */
  ask(sql: string): unknown;
}

const registry = new WeakMap<Db, HotReads>();

/** Makes `hot` the hot reads of a database opened on a local file (WAL: each read sees the latest commit). */
export function registerHotReads(db: Db, hot: HotReads): void {
  registry.set(db, hot);
}

/** The hot reads of a database opened by openDatabase on a local file; null for a remote server or a transaction. */
export function hotReadsOf(db: object): HotReads | null {
  return registry.get(db as Db) ?? null;
}
