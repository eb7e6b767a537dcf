import { gateWritesBy, watchWriteTransactions } from '#db/write-queue.ts';

// SQLite's local driver waits for another process's lock synchronously: a serving process's
// write (a sign-in, a list change) issued while the jobs process publishes would hold up that
// serving process's event loop for the whole publish. So the jobs process says when its write
// transactions start and end (through the primary, cluster.server.ts), and serving processes
// hold their writes back meanwhile, without blocking.

export interface LongWriteMessage { kind: 'vitrine:long-write'; active: boolean }

export const isLongWriteMessage = (m: unknown): m is LongWriteMessage => typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'vitrine:long-write';

/** In the jobs process: announces its write transactions. */
export function announceWriteTransactions(): void {
  if (!process.send) return;
  let open = 0;
  const send = (active: boolean) => { if (process.connected) process.send!({ kind: 'vitrine:long-write', active } satisfies LongWriteMessage); };
  watchWriteTransactions({
    start() { if (open++ === 0) send(true); },
    end() { if (--open === 0) send(false); },
  });
}

/** Longest a serving process holds a write back on the jobs process's word (then it goes ahead and waits in SQLite). */
const MAX_HOLD_MS = 60_000;

/** In a serving process: holds writes back while the jobs process writes. */
export function holdWritesDuringJobsWrites(): void {
  let active = false;
  let waiters: Array<() => void> = [];
  process.on('message', (message: unknown) => {
    if (!isLongWriteMessage(message)) return;
    active = message.active;
    if (!active) { for (const w of waiters) w(); waiters = []; }
  });
  gateWritesBy(() => (active ? new Promise<void>((done) => {
    waiters.push(done);
    setTimeout(done, MAX_HOLD_MS).unref();
  }) : Promise.resolve()));
}
