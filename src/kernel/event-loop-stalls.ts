import { LOOP_SAMPLE_MS } from './event-loop-lateness.ts';

/**
 * Calls `onStall` whenever this process's event loop ran a timer more than `overMs` late, with
 * how late and when the stall began: the histogram of event-loop-lateness.ts says how often, this
 * says when, so a stall can be put beside what the process was doing (its request log, a publish).
 * Returns how to stop watching.
 */
export function watchLongStalls(overMs: number, onStall: (stall: { ms: number; startedAt: Date }) => void): () => void {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - LOOP_SAMPLE_MS;
    last = now;
    if (late > overMs) onStall({ ms: Math.round(late * 10) / 10, startedAt: new Date(Date.now() - late) });
  }, LOOP_SAMPLE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
