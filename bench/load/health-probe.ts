// /healthz asked every 250 ms through the run, one request at a time: it answers from one small
// query, so its latency shows when the server's event loop is blocked (e.g. by a synchronous
// wait for a database lock) rather than busy with the buyers' pages.
// The probe runs in a process of its own: in the bench's process its timings would also hold
// the waits of the bench's own loop (the load generator, the leak oracle reading every page).
// Between probes that process is idle, so its own event-loop lateness is the baseline of the
// serving processes' figure: what the machine's scheduler alone costs a process while the
// server and the bench share the cores.
import { fork } from 'node:child_process';
import { quantile } from './quantile.ts';
import { fileURLToPath } from 'node:url';
import { watchEventLoopLateness, type Lateness } from '#kernel/event-loop-lateness.ts';

export interface ProbeFigures {
  count: number; failed: number; p50: number; p99: number; max: number; lateness: Lateness;
  /** The three slowest probes: how long, and when they were sent (ms since the epoch). */
  slowest: Array<{ ms: number; sentAt: number }>;
}

export interface Probe {
  /** Starts the probe's figures over (its probes and lateness), with the serving processes' measurement. */
  restart(): Promise<void>;
  stop(): Promise<ProbeFigures>;
  /** Ends the probe's process without figures (a run that failed). */
  kill(): void;
}

export async function startProbe(origin: string): Promise<Probe> {
  const child = fork(fileURLToPath(import.meta.url), ['--probe', origin], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(what: 'restart' | 'stop') => new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`the health probe ended (${code})`)));
    child.send(what);
  });
  await ask('restart');
  return {
    restart: async () => { await ask('restart'); },
    stop: async () => {
      const figures = await ask<ProbeFigures>('stop');
      child.kill();
      return figures;
    },
    kill: () => { child.kill(); },
  };
}

function probe(origin: string): void {
  process.on('disconnect', () => process.exit(0));
  const lateness = watchEventLoopLateness();
  // Each probe whole, how long and when sent: a probe in flight at a restart is kept or dropped as one.
  const probes: Array<{ ms: number; sentAt: number }> = [];
  let failed = 0;
  let running = true;
  void (async () => {
    while (running) {
      const started = performance.now();
      const sentAt = Date.now();
      try {
        const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (!res.ok) failed++;
      } catch {
        failed++;
      }
      probes.push({ ms: performance.now() - started, sentAt });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  process.on('message', (what) => {
    if (what === 'restart') {
      // The run starts now: probes before it (the first one sets up this process's fetch and its
      // connection, 30-40 ms of the probe's own) are not the run's.
      lateness.reset();
      probes.length = 0;
      failed = 0;
      process.send!('ok');
      return;
    }
    running = false;
    const samples = probes.map((p) => p.ms);
    const slowest = [...probes].sort((a, b) => b.ms - a.ms).slice(0, 3);
    process.send!({ count: samples.length, failed, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: quantile(samples, 1), lateness: lateness.read(), slowest } satisfies ProbeFigures);
  });
}

const at = process.argv.indexOf('--probe');
if (at !== -1) probe(process.argv[at + 1]!);
