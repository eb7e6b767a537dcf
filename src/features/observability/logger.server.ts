import pino from 'pino';

/**
 * One JSON line per event on stdout (pino): requests (scripts/serve.ts), background jobs, errors.
 * Never log passwords, tokens or prices: request lines carry the route pattern, not the URL, and
 * the redact list below blanks the usual suspects should an object carry them anyway.
 */
const SLOT = Symbol.for('vitrine.logger');
type Slot = Record<symbol, pino.Logger | undefined>;

function create(): pino.Logger {
  return pino({
    level: process.env.LOG_LEVEL || 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: ['password', 'token', '*.password', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie'], censor: '[redacted]' },
    // Tests and scripts that run the app in-process stay quiet unless asked.
    enabled: process.env.LOG_LEVEL !== 'silent',
    // Written off the event loop: lines that come while a write is under way go out together in
    // the next one (one write per request cost as much as a cached page's other work). pino
    // flushes what is left when the process exits.
  }, pino.destination({ dest: 1, sync: false }));
}

/** One logger per process, shared by the HTTP front and the built app (two module graphs). */
export const logger: pino.Logger = ((globalThis as Slot)[SLOT] ??= create());
