import { LOOP_SAMPLE_MS } from './event-loop-lateness.ts';
import { runQueueWaitMs } from './run-queue-wait.ts';

/** A timer run late: by how much, when the stall began, and how much of it the loop's thread spent ready but waiting for a core (null where not known). */
export interface Stall { ms: number; startedAt: Date; waitedMs: number | null }

/**
 * Calls `onStall` whenever this process's event loop ran a timer more than `overMs` late, with
 * how late and when the stall began: the histogram of event-loop-lateness.ts says how often, this
 * says when, so a stall can be put beside what the process was doing (its request log, a publish).
 * It also says how much of the stall the thread waited for a core held by other threads or
 * processes, as against running this loop's own work. Returns how to stop watching.
 */
export function watchLongStalls(overMs: number, onStall: (stall: Stall) => void): () => void {
  let last = performance.now();
  let waitedBefore = runQueueWaitMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const waited = runQueueWaitMs();
    const late = now - last - LOOP_SAMPLE_MS;
    last = now;
    const waitedMs = waited !== null && waitedBefore !== null ? Math.round((waited - waitedBefore) * 10) / 10 : null;
    waitedBefore = waited;
    if (late > overMs) onStall({ ms: Math.round(late * 10) / 10, startedAt: new Date(Date.now() - late), waitedMs });
  }, LOOP_SAMPLE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
