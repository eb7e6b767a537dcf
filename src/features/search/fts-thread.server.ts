import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FtsReader, FtsStatement } from './fts-reader.ts';

/**
 * The thread's whole program, plain JavaScript so it needs no build step of its own: a read-only
 * connection to the same database file, answering one statement per message, in order.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const opened = import(workerData.libsql).then(async ({ createClient }) => {
  const client = createClient({ url: workerData.url });
  await client.execute('PRAGMA query_only = 1');
  return client;
});
parentPort.on('message', async ({ id, statement }) => {
  try {
    const client = await opened;
    const result = await client.execute(statement);
    const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

type Answer = { id: number; rows?: unknown[]; error?: string };

export interface FtsThread extends FtsReader {
  /** Ends the thread; statements still waiting are refused. */
  close(): Promise<void>;
}

/**
 * Runs the full-text statements in a thread of their own, on its own connection to the database
 * file. The local libSQL driver answers on the calling thread: a bm25 over thousands of matches
 * (5–10 ms under load) held every other buyer's request in this process that long. Here the
 * serving loop only sends the statement and reads the answer (about 0.06 ms each way).
 * SQLite's WAL lets the thread read while this process or another writes. The thread is started
 * on the first statement, and again after it ends for any reason.
 */
export function startFtsThread(databaseUrl: string): FtsThread {
  const libsql = pathToFileURL(createRequire(import.meta.url).resolve('@libsql/client')).href;
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();

  const refuseWaiting = (error: Error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = new Worker(THREAD_SOURCE, { eval: true, workerData: { libsql, url: databaseUrl } });
    started.unref(); // idle, it keeps no process alive (all() holds it while a statement waits)
    started.on('message', (answer: Answer) => {
      const pending = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (waiting.size === 0) started.unref();
      if (answer.error !== undefined) pending?.reject(new Error(`full-text search: ${answer.error}`));
      else pending?.resolve(answer.rows ?? []);
    });
    started.on('error', (error) => { if (worker === started) worker = null; refuseWaiting(error); });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      refuseWaiting(new Error(`full-text search thread ended (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    all<T>(statement: FtsStatement): Promise<T[]> {
      return new Promise<T[]>((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        const running = thread();
        running.ref();
        running.postMessage({ id, statement });
      });
    },
    async close() {
      const running = worker;
      worker = null;
      refuseWaiting(new Error('full-text search thread closed'));
      await running?.terminate();
    },
  };
}
