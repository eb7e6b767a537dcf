import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Gives this process the niceness `niceness`, every thread of it. On Linux a niceness belongs to
 * a thread, and setting it for a process id reaches the main thread only: V8's threads, started
 * before any of our code runs, kept theirs when the primary set it from outside just after the
 * fork. So each thread listed in /proc/self/task gets it here; threads started later inherit it
 * from the one starting them. Elsewhere the process's own setting covers it. Returns why it could
 * not, or null.
 */
export function lowerOwnPriority(niceness: number): string | null {
  try {
    if (process.platform !== 'linux') {
      setPriority(niceness);
      return null;
    }
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        setPriority(Number(tid), niceness);
      } catch (error) {
        // A thread that ended since the folder was listed has nothing left to lower.
        if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH') throw error;
      }
    }
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
