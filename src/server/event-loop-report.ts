import { monitorEventLoopDelay } from 'node:perf_hooks';
import { logger } from '#features/observability/logger.server.ts';
import { processRole } from '#kernel/process-role.ts';

/**
 * Measures how long this serving process's event loop was held up, and logs it on SIGUSR2 (then
 * starts over) with the process's memory at that moment: one signal before a load run and one after give the stalls of that run alone
 * (bench/load reads these lines). Metrics scrapers get the same from /metrics.
 */
export function reportEventLoopDelayOnSignal(): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('SIGUSR2', () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
    const memory = process.memoryUsage();
    logger.info({
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), mean: ms(delay.mean) },
      // Where the memory is now: the JavaScript heap (used, reserved), buffers and native memory.
      memoryMb: { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed), heapTotal: mb(memory.heapTotal), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) },
      role: processRole(), pid: process.pid,
    }, 'event loop delay since the last report');
    delay.reset();
  });
}
