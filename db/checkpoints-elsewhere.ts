import type { Client, InArgs, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { overrideMethods, statementOf } from './override-methods.ts';
import { readsOnly } from './write-queue.ts';

/**
 * SQLite copies the write-ahead log back into the database file (a checkpoint) on the first
 * commit that finds the log past 1,000 pages. A publish writes tens of megabytes; its own
 * checkpoint stops at the oldest reader's snapshot, and readers are always there under load, so
 * the rest fell to the next small commit anywhere: a serving process's sign-in or session touch
 * spent 80–300 ms copying and syncing on its event loop, and every buyer of that process waited.
 *
 * The wrapped client's connections never checkpoint on commit: every write first sets
 * `wal_autocheckpoint = 0` on the connection it runs on (a setting of each connection, and the
 * client keeps a pool of them), in the same transaction. Another process checkpoints instead
 * (checkpointEvery). Reads never commit, so they are left alone.
 */
export function withoutCheckpointsOnCommit(client: Client): Client {
  const execute = (async (stmt: InStatement | string, args?: InArgs) => {
    const statement = statementOf(stmt, args);
    if (readsOnly(statement) || OUTSIDE_A_TRANSACTION.test(statement.sql)) return client.execute(statement);
    try {
      return (await client.batch([NO_CHECKPOINT_ON_COMMIT, statement], 'deferred'))[1]!;
    } catch (e) {
      // The error a lone statement gives, not the batch's (which would name statement 1 of 2).
      if (e instanceof LibsqlBatchError) throw new LibsqlError(e.message, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
      throw e;
    }
  }) as Client['execute'];
  const withFirst = async (results: Promise<ResultSet[]>) => {
    try {
      return (await results).slice(1);
    } catch (e) {
      if (e instanceof LibsqlBatchError) throw new LibsqlBatchError(e.message, e.statementIndex - 1, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
      throw e;
    }
  };
  return overrideMethods(client, {
    execute,
    batch: (stmts, mode) => (mode === 'read' || stmts.every(readsOnly) ? client.batch(stmts, mode) : withFirst(client.batch([NO_CHECKPOINT_ON_COMMIT, ...stmts], mode))),
    migrate: (stmts) => withFirst(client.migrate([NO_CHECKPOINT_ON_COMMIT, ...stmts])),
    executeMultiple: (sql) => client.executeMultiple(`${NO_CHECKPOINT_ON_COMMIT};\n${sql}`),
    transaction: async (mode?: TransactionMode) => {
      const tx = await client.transaction(mode);
      if (mode === 'read') return tx;
      try {
        await tx.execute(NO_CHECKPOINT_ON_COMMIT);
      } catch (e) {
        tx.close();
        throw e;
      }
      return tx;
    },
  });
}

const NO_CHECKPOINT_ON_COMMIT = 'PRAGMA wal_autocheckpoint = 0';

/**
 * Statements run as they are: pragmas some of which must run outside a transaction (journal_mode,
 * foreign_keys), statements that cannot run inside one (VACUUM, ATTACH), and those that open or
 * close one themselves.
 */
const OUTSIDE_A_TRANSACTION = /^\s*(PRAGMA|VACUUM|ATTACH|DETACH|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * Checkpoints the log every `everyMs` in this process (passive: it waits for no one, copies what
 * no reader still needs, and costs one look at the log index when nothing is new). For the one
 * process that does the background work, whose loop serves no one. Returns how to stop it.
 */
export function checkpointEvery(client: Client, everyMs: number, onError: (e: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || client.closed) return;
    running = true;
    client.execute('PRAGMA wal_checkpoint(PASSIVE)').catch(onError).finally(() => { running = false; });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
