import { execFileSync } from 'node:child_process';

/**
 * Puts every thread of this process under Linux's batch policy (SCHED_BATCH, through util-linux's
 * chrt): the process keeps its fair share at its niceness, but its wake-ups (a task handed over, a
 * timer, one of its threads done) no longer pre-empt a serving loop on the core they land on.
 * The jobs process calls it first thing and waits for it: no thread of its own starts while chrt
 * walks the threads, and every thread started later inherits the policy from the one starting it.
 * Returns why it could not, or null.
 */
export function runAsBatchWork(): string | null {
  if (process.platform !== 'linux') return 'batch scheduling is a Linux policy';
  try {
    execFileSync('chrt', ['--batch', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
