import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A statement's answer as the thread sends it: column names and types, and each row's values in column order. */
export interface RawResult {
  names: string[];
  types: string[];
  rows: unknown[][];
  /** How long SQLite took in the thread, in milliseconds (the hop and the copy not included). */
  ms: number;
}

/**
 * The thread's whole program, plain JavaScript so it needs no build step of its own: a read-only
 * connection to the database file, each statement prepared once (the most recent 500 kept),
 * answering one message at a time, in order.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
let connection;
const statements = new Map();
parentPort.on('message', ({ id, sql, args, close }) => {
  if (close) {
    // Asked to end: after the statements sent before, never in the middle of one.
    statements.clear();
    connection?.close();
    parentPort.close();
    return;
  }
  try {
    let entry = statements.get(sql);
    if (entry === undefined) {
      if (connection === undefined) {
        // libsql's Database takes no read-only option (it ignores one): the pragma makes it so.
        connection = new Database(workerData.path);
        connection.exec('PRAGMA query_only = 1');
      }
      const statement = connection.prepare(sql);
      statement.raw(true);
      const columns = statement.columns();
      entry = { statement, names: columns.map((c) => c.name), types: columns.map((c) => c.type ?? '') };
      if (statements.size >= 500) statements.delete(statements.keys().next().value);
    } else statements.delete(sql);
    statements.set(sql, entry);
    const started = performance.now();
    const rows = entry.statement.all(args);
    parentPort.postMessage({ id, names: entry.names, types: entry.types, rows, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Answer = { id: number; error?: string } & Partial<RawResult>;

/**
 * A thread with nothing to do for this long ends (the next statement starts another, in about
 * 30 ms): a process that opened many databases (a test file, a script) does not keep a thread
 * and its memory for each.
 */
const IDLE_MS = 10_000;

/**
 * Runs reads on a connection in a thread of its own. The local driver answers on the calling
 * thread, so every statement's SQLite time was the serving loop's: a category count over a new
 * revision's 100,000 items held every other request of the process for 15 ms. Here the loop
 * sends the statement and builds the rows from the answer (about 0.06 ms each way). WAL gives
 * the thread's connection the latest commit at each statement, like any other reader.
 * The thread starts with the first statement, and again after it ends for any reason (or has
 * been idle for IDLE_MS); it keeps no process alive while no statement waits for it.
 */
type Waiting = Map<number, { resolve(result: RawResult): void; reject(error: Error): void }>;

// The thread keeps the normal scheduling policy. As a batch thread (SCHED_BATCH) its wake-up no
// longer pre-empted the loop that posted, and each serving loop spent 0.2–0.3 s of a bench:load
// run inside postMessage instead of 0.7–1.0 s; but with both cores busy every statement then
// waited for the loop's time slice to end, and bench:capacity's p99 at 192 req/s went from
// 0.8–1.4 s to 2.2–4.1 s.
export class ReadThread {
  readonly #path: string;
  readonly #idleMs: number;
  /** The thread statements go to now, and what it still owes them by id (a closing one answers what it was sent before). */
  #current: { worker: Worker; waiting: Waiting } | null = null;
  #nextId = 0;
  #idle: NodeJS.Timeout | undefined;

  constructor(path: string, options: { idleMs?: number } = {}) {
    this.#path = path;
    this.#idleMs = options.idleMs ?? IDLE_MS;
  }

  /** Whether a thread is up (it ends when closed, and after being idle). */
  get running(): boolean { return this.#current !== null; }

  run(sql: string, args: unknown[] | Record<string, unknown>): Promise<RawResult> {
    clearTimeout(this.#idle);
    return new Promise<RawResult>((resolve, reject) => {
      const id = ++this.#nextId;
      const { worker, waiting } = this.#thread();
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, sql, args });
    });
  }

  /**
   * Ends the thread once it has answered what was sent before (terminating it in the middle of
   * a statement could take the process down with it). A statement sent later starts a new one.
   */
  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const running = this.#current?.worker;
    if (!running) return;
    this.#current = null;
    const ended = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.ref();
    running.postMessage({ close: true });
    await ended;
  }

  #thread(): { worker: Worker; waiting: Waiting } {
    if (this.#current) return this.#current;
    const libsql = createRequire(import.meta.url).resolve('libsql');
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { libsql, path: this.#path } });
    const current = { worker, waiting: new Map() as Waiting };
    const { waiting } = current;
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const pending = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (waiting.size === 0 && this.#current === current) {
        worker.unref();
        this.#idle = setTimeout(() => { if (this.#current === current && waiting.size === 0) void this.close(); }, this.#idleMs);
        this.#idle.unref();
      }
      if (answer.error !== undefined) pending?.reject(new Error(answer.error));
      else pending?.resolve({ names: answer.names!, types: answer.types!, rows: answer.rows!, ms: answer.ms! });
    });
    const ended = (error: Error) => {
      if (this.#current === current) this.#current = null;
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`the read thread ended (exit code ${code})`)));
    this.#current = current;
    return current;
  }
}
