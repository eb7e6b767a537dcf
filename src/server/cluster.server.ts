import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { logger } from '#features/observability/logger.server.ts';
import { PROCESS_ROLE_VARIABLE, type ProcessRole } from '#kernel/process-role.ts';
import { isWakeMessage } from './wake-message.ts';

/**
 * How many serving processes: WEB_CONCURRENCY, else one per core. `SINGLE_PROCESS=1` (development,
 * most tests) keeps everything in one process instead, as `astro dev` does.
 */
export function servingProcesses(env: NodeJS.ProcessEnv = process.env): number | 'single' {
  if (['1', 'true'].includes(env.SINGLE_PROCESS ?? '')) return 'single';
  const wanted = Number(env.WEB_CONCURRENCY);
  return Number.isInteger(wanted) && wanted >= 1 ? wanted : availableParallelism();
}

/** Replacements faster than this after a start count as a crash loop and wait a little. */
const QUICK_DEATH_MS = 5_000;

/**
 * The primary process: starts `web` serving processes sharing HOST:PORT (node:cluster hands each
 * new connection to one of them) and one `jobs` process for the background work, then keeps that
 * number: a process that dies is logged and replaced. It relays "there is work" messages from
 * the serving processes to the jobs process. SIGTERM or SIGINT stops them all gracefully (each
 * serving process finishes its requests in flight, http-front.server.ts).
 * Resolves once every serving process listens.
 */
export function superviseProcesses(options: { web: number; workerScript: string }): Promise<void> {
  cluster.setupPrimary({ exec: options.workerScript });
  let stopping = false;
  const roles = new Map<number, ProcessRole>();
  let jobs: Worker | undefined;

  const start = (role: ProcessRole): Worker => {
    const worker = cluster.fork({ [PROCESS_ROLE_VARIABLE]: role });
    roles.set(worker.id, role);
    if (role === 'jobs') jobs = worker;
    const startedAt = Date.now();
    worker.once('exit', (code, signal) => {
      roles.delete(worker.id);
      if (stopping) return;
      logger.warn({ role, pid: worker.process.pid, code, signal }, `A ${role} process ended unexpectedly (${signal ?? `exit code ${code}`}); starting another.`);
      const wait = Date.now() - startedAt < QUICK_DEATH_MS ? 1_000 : 0;
      setTimeout(() => { if (!stopping) start(role); }, wait).unref();
    });
    return worker;
  };

  cluster.on('message', (_worker, message: unknown) => {
    if (isWakeMessage(message) && jobs?.isConnected()) jobs.send(message);
  });

  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const check = setInterval(() => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); }, 50);
    check.unref();
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  start('jobs');
  const serving = Array.from({ length: options.web }, () => start('web'));
  return Promise.all(serving.map((w) => new Promise<void>((done, fail) => {
    w.once('listening', () => done());
    w.once('exit', (code) => fail(new Error(`a serving process ended before it listened (exit code ${code})`)));
  }))).then(() => undefined);
}
