import pino from 'pino';
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/**
 * One JSON line per event on stdout (pino): requests (scripts/serve.ts), background jobs, errors.
 * Never log passwords, tokens or prices: request lines carry the route pattern, not the URL, and
 * the redact list below blanks the usual suspects should an object carry them anyway.
 */
const SLOT = Symbol.for('vitrine.logger');

interface ProcessLog {
  logger: pino.Logger;
  /** Writes a line made elsewhere (whole, with its newline) through the logger's own stream and batches. */
  writeLine(line: string): void;
}
type Slot = Record<symbol, ProcessLog | undefined>;

/** How long a line may wait for others to share its write, and how many bytes make a write. */
const FLUSH_EVERY_MS = 250;
const WRITE_AT_BYTES = 4096;

/**
 * Written off the event loop, and in batches: a line waits until 4 KB have gathered or a quarter
 * of a second has passed, so a busy process writes once per dozen or so request lines instead of
 * once per line (each write cost as much as a cached page's other work). An error or fatal line
 * asks for its write at once, and what is left is written when the process exits; a process
 * killed outright loses at most the last quarter second. Worker threads keep a write per line:
 * pino writes what is left at exit for the main thread only.
 *
 * Request lines gather here before the stream sees them, and go to it 4 KB at a time: the stream
 * measures its whole unwritten text again on every write it is given, which line by line cost a
 * cached page about 2.5 µs of its 30. Whatever pino writes itself hands them over first, so the
 * lines keep their order.
 */
function create(): ProcessLog {
  const batched = isMainThread;
  const out = pino.destination(batched ? { dest: 1, sync: false, minLength: WRITE_AT_BYTES } : { dest: 1, sync: false });
  let gathered: string[] = [];
  let gatheredLength = 0;
  /** The gathered lines as one text ('' when none), taken out of the gathering. */
  const takeGathered = () => {
    const batch = gathered.join('');
    gathered = [];
    gatheredLength = 0;
    return batch;
  };
  const handOver = () => {
    if (gathered.length) out.write(takeGathered());
  };
  let waiting = false;
  if (batched) {
    setInterval(() => { if (waiting) { waiting = false; handOver(); out.flush(); } }, FLUSH_EVERY_MS).unref();
    // pino's own exit handler, registered with the stream above and so run before this one, has
    // written everything the stream held; what is still gathered came after all of it.
    process.once('exit', () => {
      if (gathered.length === 0) return;
      try { writeSync(1, takeGathered()); } catch { /* stdout is gone: nowhere left to write */ }
    });
  }
  const logger = pino({
    level: process.env.LOG_LEVEL || 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: ['password', 'token', '*.password', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'], censor: '[redacted]' },
    // Tests and scripts that run the app in-process stay quiet unless asked.
    enabled: process.env.LOG_LEVEL !== 'silent',
    hooks: {
      logMethod(args, write, level) {
        if (batched) handOver();
        write.apply(this, args);
        if (!batched) return;
        if (level >= pino.levels.values.error!) out.flush();
        else waiting = true;
      },
    },
  }, out);
  return {
    logger,
    writeLine(line) {
      if (!batched) return void out.write(line);
      gathered.push(line);
      gatheredLength += line.length;
      if (gatheredLength >= WRITE_AT_BYTES) handOver();
      waiting = true;
    },
  };
}

/** One log per process, shared by the HTTP front and the built app (two module graphs). */
const processLog: ProcessLog = ((globalThis as Slot)[SLOT] ??= create());

export const logger: pino.Logger = processLog.logger;
export const writeLogLine: (line: string) => void = processLog.writeLine;
