import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How late this process's event loop ran its timers, in milliseconds. */
export interface Lateness { p50: number; p99: number; max: number; mean: number }

/**
 * The period of the timers that watch the loop (here and in event-loop-stalls.ts). Node samples
 * with a timer of this period and records the time between firings, so an idle loop records the
 * period itself (p50 10.2 ms at 10 ms): the lateness is what lies beyond it.
 */
export const LOOP_SAMPLE_MS = 10;

/** Starts measuring how late the event loop is; read() gives the figures since the last reset(). */
export function watchEventLoopLateness(): { read(): Lateness; reset(): void } {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  histogram.enable();
  const late = (ns: number) => Math.round(Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS) * 100) / 100;
  return {
    read: () => histogram.count === 0
      ? { p50: 0, p99: 0, max: 0, mean: 0 }
      : { p50: late(histogram.percentile(50)), p99: late(histogram.percentile(99)), max: late(histogram.max), mean: late(histogram.mean) },
    reset: () => histogram.reset(),
  };
}
