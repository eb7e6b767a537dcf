import type { Client, InValue } from '@libsql/client';
import type { Db } from '#db/client.ts';

/** One read of the full-text index: SQL with `?` placeholders and its values. */
export interface FtsStatement { sql: string; args: InValue[] }

/**
 * Where the embedded engine runs the statements whose cost grows with the index (FTS5 matching
 * and bm25 over every match): in this thread, or in one of its own (fts-thread.server.ts).
 */
export interface FtsReader {
  /** The statement's rows, as plain objects by column name. */
  all<T>(statement: FtsStatement): Promise<T[]>;
}

/** Runs the statements on the database's own connection, on this thread's event loop. */
export function inProcessFtsReader(db: Db): FtsReader {
  // drizzle keeps the client it was made with as $client (its Db type leaves it out).
  const client = (db as Db & { $client: Client }).$client;
  return {
    async all<T>(statement: FtsStatement) {
      const result = await client.execute(statement);
      return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])) as T);
    },
  };
}
