import { execFileSync } from 'node:child_process';

/**
 * Puts every thread of this process under Linux's idle policy (SCHED_IDLE, through util-linux's
 * chrt): it runs on the time the serving processes leave, and a serving loop that wakes on the
 * core it holds takes that core at once. Under the batch policy it had before (SCHED_BATCH at
 * niceness 10) the serving loops had 105 turns later than 10 ms while an upload was read and
 * published, against 61 under this one (bench:load, three runs each way, alternating). Under
 * overload the background work waits instead of the buyers. An unprivileged process cannot leave
 * the idle policy again: it is for the process's whole life, write transactions included.
 * The jobs process calls it first thing and waits for it: no thread of its own starts while chrt
 * walks the threads, and every thread started later inherits the policy from the one starting it.
 * Returns why it could not, or null.
 */
export function runAsIdleWork(): string | null {
  if (process.platform !== 'linux') return 'idle scheduling is a Linux policy';
  try {
    execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
