import { logger } from '#features/observability/logger.server.ts';

export interface RepeatingTask {
  /** Runs the task as soon as possible (at once, or right after the current run). */
  wake(): void;
  /** Resolves when no run is going on or asked for. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `task` every `everyMs` and whenever woken, never two runs at once. A failing run is logged
 * and the next one comes at its time. Timers do not keep the process alive.
 */
export function repeatingTask(name: string, task: () => Promise<void>, everyMs: number): RepeatingTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const plan = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => wake(), everyMs);
    timer.unref();
  };
  const loop = async () => {
    do {
      again = false;
      const started = Date.now();
      try {
        await task();
        logger.debug({ job: name, status: 'done', ms: Date.now() - started }, 'background job');
      } catch (e) {
        logger.error({ job: name, status: 'failed', ms: Date.now() - started, err: e }, `background task "${name}" failed`);
      }
    } while (again && !stopped);
    running = null;
    plan();
  };
  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = loop();
  }
  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (running) await running;
    },
  };
}
