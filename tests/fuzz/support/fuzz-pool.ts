import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaseOutcome, FuzzCase, TimedOutcome } from './case-outcome.ts';
import { valueWithin } from '#kernel/value-within.ts';

/** Heap one worker may use: far above what any reader needs for the small generated files. */
export const WORKER_HEAP_MB = 512;

export interface PoolOptions {
  /** A case past this is a hang: the worker is terminated and a fresh one started. */
  caseDeadlineMs: number;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** Starting a worker (importing the readers, opening its database) takes seconds on a loaded machine, never this long. */
const START_DEADLINE_MS = 120_000;
/** A worker asked to close answers at once unless a case is still running in it; then it is terminated. */
const CLOSE_DEADLINE_MS = 5_000;

/**
 * One worker thread that reads fuzz cases (see fuzz-worker.ts), with a deadline per case. A
 * case that passes its deadline, or a worker that dies (out of memory), becomes an outcome
 * of its own; the next case gets a fresh worker.
 */
export class FuzzPool {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly scratch = mkdtempSync(join(tmpdir(), 'vitrine-fuzz-'));
  private readonly options: PoolOptions;
  restarts = 0;

  constructor(options: PoolOptions) {
    this.options = options;
  }

  private start(): Promise<void> {
    const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), {
      env: { ...process.env, TMPDIR: this.scratch },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.on('message', (message: { id?: number; ready?: boolean }) => {
        if (message.ready) return resolve();
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (waiting) { this.pending.delete(message.id!); waiting.resolve(message); }
      });
      const fail = (error: Error) => {
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
        if (this.worker === worker) { this.worker = undefined; this.ready = undefined; }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    });
  }

  private async send<T>(message: object): Promise<T> {
    this.ready ??= this.start();
    await this.ready;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker!.postMessage({ id, ...message });
    });
  }

  /** Reads one case in the worker; never rejects. */
  async run(input: FuzzCase): Promise<TimedOutcome> {
    // The deadline counts the case only, not starting a worker (seconds on a loaded machine).
    try {
      this.ready ??= this.start();
      const started = await valueWithin(this.ready.then(() => true), START_DEADLINE_MS, false);
      if (!started) throw new Error(`no answer within ${START_DEADLINE_MS} ms`);
    } catch (error) {
      await this.restart();
      return { outcome: { kind: 'died', why: `the worker did not start: ${(error as Error).message}` }, ms: 0, heapUsed: 0 };
    }
    const { caseDeadlineMs } = this.options;
    const answer = this.send<{ outcome: CaseOutcome; ms: number; heapUsed: number }>({ input })
      .then((m): TimedOutcome => ({ outcome: m.outcome, ms: m.ms, heapUsed: m.heapUsed }))
      .catch((error: Error): TimedOutcome => ({ outcome: { kind: 'died', why: error.message }, ms: 0, heapUsed: 0 }));
    const result = await valueWithin(answer, caseDeadlineMs, { outcome: { kind: 'hang', afterMs: caseDeadlineMs }, ms: caseDeadlineMs, heapUsed: 0 });
    if (result.outcome.kind === 'hang' || result.outcome.kind === 'died') await this.restart();
    return result;
  }

  /** The worker's heap after a full garbage collection, and its process's open file count. */
  measure(): Promise<{ heapUsed: number; fds: number }> {
    return this.send({ measure: true });
  }

  private async restart(): Promise<void> {
    this.restarts++;
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    // Terminating waits for the worker's JavaScript to stop; a thread stuck in native code never
    // does, and must not stall the run: the next case gets a fresh worker either way.
    if (worker) await valueWithin(worker.terminate().then(() => undefined), CLOSE_DEADLINE_MS, undefined);
  }

  async close(): Promise<void> {
    if (this.worker) {
      // A case the property gave up waiting for (its time budget ran out) may still be running.
      await valueWithin(this.send({ close: true }).catch(() => {}), CLOSE_DEADLINE_MS, undefined);
      if (this.worker) await valueWithin(this.worker.terminate().then(() => undefined), CLOSE_DEADLINE_MS, undefined);
    }
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
