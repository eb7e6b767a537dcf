import { logger } from '#features/observability/logger.server.ts';
import { processRole } from '#kernel/process-role.ts';
import { watchEventLoopLateness } from '#kernel/event-loop-lateness.ts';
import { watchLongStalls } from '#kernel/event-loop-stalls.ts';

/**
 * Measures how late this serving process's event loop ran (beyond the sampling period), and logs
 * it on SIGUSR2 (then starts over) with the process's memory at that moment: one signal before a
 * load run and one after give the stalls of that run alone (bench/load reads these lines).
 * /metrics has prom-client's own event-loop figures, which include its 20 ms sampling period.
 */
export function reportEventLoopDelayOnSignal(): void {
  const lateness = watchEventLoopLateness();
  process.on('SIGUSR2', () => {
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
    const memory = process.memoryUsage();
    logger.info({
      eventLoopDelayMs: lateness.read(),
      // Where the memory is now: the JavaScript heap (used, reserved), buffers and native memory.
      memoryMb: { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed), heapTotal: mb(memory.heapTotal), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) },
      role: processRole(), pid: process.pid,
    }, 'event loop delay since the last report');
    lateness.reset();
  });
  // LOG_STALLS_OVER_MS: a warn line for each stall longer than that, with when it began and how much of
  // it the loop waited for a core (bench/load prints them).
  const over = Number(process.env.LOG_STALLS_OVER_MS);
  if (over > 0) watchLongStalls(over, ({ ms, startedAt, waitedMs }) => logger.warn({ stallMs: ms, startedAt: startedAt.toISOString(), waitedMs, role: processRole(), pid: process.pid }, 'event loop stalled'));
}
