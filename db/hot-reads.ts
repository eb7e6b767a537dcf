import Libsql from 'libsql';
import type { Db } from './client.ts';

/**
 * One value read by a statement prepared once, on a read-only native connection of its own.
 * Going through the client costs a prepare, a column list and a row object per call (about
 * 0.1 ms); a read asked on every request, like the change stamp, is worth a few microseconds.
 */
export interface HotReads { value(sql: string): unknown }

const registry = new WeakMap<Db, HotReads>();

/** Opens hot reads beside the client for a local database file (WAL: each read sees the latest commit); close() ends their connection. */
export function registerHotReads(db: Db, path: string): { close(): void } {
  let connection: Libsql.Database | undefined;
  const statements = new Map<string, Libsql.Statement<unknown[]>>();
  registry.set(db, {
    value(sql) {
      connection ??= new Libsql(path, { readonly: true, fileMustExist: true });
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, statement = connection.prepare(sql).raw(true));
      return (statement.get() as unknown[] | undefined)?.[0];
    },
  });
  return {
    close() {
      registry.delete(db);
      statements.clear();
      connection?.close();
      connection = undefined;
    },
  };
}

/** The hot reads of a database opened by openDatabase on a local file; null for a remote server or a transaction. */
export function hotReadsOf(db: object): HotReads | null {
  return registry.get(db as Db) ?? null;
}
