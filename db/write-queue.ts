import { resolve } from 'node:path';
import type { Client, InArgs, InStatement, Transaction, TransactionMode } from '@libsql/client';
import { overrideMethods, statementOf } from './override-methods.ts';

/**
 * libSQL's local driver runs each statement synchronously on the calling thread, and waits for
 * a database lock the same way, in SQLite's busy handler. While a write transaction of this
 * process is open across awaits (a publish writes its search documents in chunks), any other
 * write of this process — a buyer's visit, a sign-in, an audit line — spins on the event loop:
 * every request stalls, the transaction it waits for cannot go on, and after the busy timeout
 * the write fails with SQLITE_BUSY. So the writes of one process to one database file take
 * turns here: a transaction holds the turn from BEGIN to COMMIT/ROLLBACK, a single write
 * statement or batch while it runs, and the rest wait without blocking anything. Reads never
 * wait (WAL). Other processes are still kept apart by SQLite's lock and the busy timeout; a
 * serving process of several also waits, without blocking, while the jobs process says it holds
 * the lock for long (gateWritesBy; src/server/long-write-signal.server.ts).
 */
export function queueWrites(client: Client, path: string): Client {
  const queue = gated(queueOf(path));
  const queued: Partial<Client> = {
    execute: ((stmt: InStatement | string, args?: InArgs) => {
      const statement = statementOf(stmt, args);
      return readsOnly(statement) ? client.execute(statement) : queue.run(() => client.execute(statement));
    }) as Client['execute'],
    batch: (stmts, mode) => (mode === 'read' || stmts.every(readsOnly) ? client.batch(stmts, mode) : queue.run(() => client.batch(stmts, mode))),
    migrate: (stmts) => queue.run(() => client.migrate(stmts)),
    executeMultiple: (sql) => queue.run(() => client.executeMultiple(sql)),
    transaction: async (mode?: TransactionMode) => {
      if (mode === 'read') return client.transaction(mode);
      const turn = await queue.turn();
      watcher?.start();
      const release = () => { watcher?.end(); turn(); };
      try {
        return holdUntilSettled(await client.transaction(mode), release);
      } catch (e) {
        release();
        throw e;
      }
    },
  };
  // Everything else (close, sync, closed, protocol…) is the client's own.
  return overrideMethods(client, queued);
}

/** True for statements that cannot write: they skip the queue. */
export function readsOnly(stmt: InStatement | [string, unknown?]): boolean {
  const sql = (Array.isArray(stmt) ? stmt[0] : typeof stmt === 'string' ? stmt : stmt.sql).trimStart();
  if (/^(SELECT|EXPLAIN|VALUES)\b/i.test(sql)) return true;
  return /^WITH\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}

/** The transaction as it is, except that settling it (commit, rollback, close) gives the turn back, once. */
function holdUntilSettled(tx: Transaction, release: () => void): Transaction {
  let held = true;
  const giveBack = () => {
    if (held) { held = false; release(); }
  };
  // Commit and rollback are async: the turn is given back once they have finished, whatever the outcome.
  const settled = (work: () => Promise<void>) => async () => {
    try {
      await work();
    } finally {
      giveBack();
    }
  };
  return overrideMethods(tx, {
    commit: settled(() => tx.commit()),
    rollback: settled(() => tx.rollback()),
    close: () => { try { tx.close(); } finally { giveBack(); } },
  });
}

interface WriteQueue { turn(): Promise<() => void>; run<T>(work: () => Promise<T>): Promise<T> }

let gate: (() => Promise<void>) | null = null;
let watcher: { start(): void; end(): void } | null = null;

/** Tells `w` when a write transaction of this process starts and when it ends (null: no one). */
export function watchWriteTransactions(w: { start(): void; end(): void } | null): void {
  watcher = w;
}

/** How long a series of short write transactions goes on before it leaves other processes a turn (writesInSteps). */
const STEPS_RUN_MS = 200;
/** How long that turn lasts: a sign-in's or a form's write takes a few milliseconds. */
const TURN_MS = 25;
/** How long the write waits after saying it goes on: the word reaches the serving processes through the primary first. */
const TOLD_MS = 5;

/**
 * Runs `work`, a series of short write transactions, as one long write for the watcher: the
 * serving processes hold their writes back throughout, since one of theirs let through between
 * two of these transactions would meet the next in SQLite's busy handler and wait there, on its
 * event loop. Between two of them `work` calls the `step` it is given, which every STEPS_RUN_MS
 * says the write is over for TURN_MS, so the writes held back go in then.
 */
export async function writesInSteps<T>(work: (step: () => Promise<void>) => Promise<T>): Promise<T> {
  const told = watcher;
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  // A serving process's write sent before the word came finishes first (this process waits in SQLite for it).
  const goOn = async () => { if (told) { told.start(); await sleep(TOLD_MS); } };
  await goOn();
  let since = performance.now();
  const step = async () => {
    if (!told || performance.now() - since < STEPS_RUN_MS) return;
    told.end();
    await sleep(TURN_MS);
    await goOn();
    since = performance.now();
  };
  try {
    return await work(step);
  } finally {
    told?.end();
  }
}

/** Makes every write of this process wait for `wait()` first (null: no gate). */
export function gateWritesBy(wait: (() => Promise<void>) | null): void {
  gate = wait;
}

/** The queue with the gate in front of each turn. */
function gated(queue: WriteQueue): WriteQueue {
  const turn = async () => {
    if (gate) await gate();
    return queue.turn();
  };
  return {
    turn,
    async run(work) {
      const release = await turn();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

const queues = new Map<string, WriteQueue>();

/** One queue per database file in this process, however many clients open it. */
function queueOf(path: string): WriteQueue {
  const key = path === ':memory:' ? path : resolve(path);
  let queue = queues.get(key);
  if (!queue) {
    let tail: Promise<void> = Promise.resolve();
    const turn = () => {
      let release!: () => void;
      const done = new Promise<void>((r) => { release = r; });
      const ready = tail.then(() => release);
      tail = tail.then(() => done);
      return ready;
    };
    const run = async <T>(work: () => Promise<T>): Promise<T> => {
      const release = await turn();
      try {
        return await work();
      } finally {
        release();
      }
    };
    queue = { turn, run };
    queues.set(key, queue);
  }
  return queue;
}
