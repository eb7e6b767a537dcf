import { readFileSync } from 'node:fs';

/**
 * How long the calling thread has waited, in all, for a core while it was ready to run, in
 * milliseconds (Linux's /proc/thread-self/schedstat, its second figure), or null where that is
 * not known. A loop that runs its timer late was either busy with its own work or waiting for a
 * core that other threads held; the difference of two readings says how much was the latter.
 */
export function runQueueWaitMs(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const waitedNs = Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[1]);
    return Number.isFinite(waitedNs) ? waitedNs / 1e6 : null;
  } catch {
    return null; // no schedstat in this kernel or container
  }
}
