import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { logger } from '#features/observability/logger.server.ts';
import { PROCESS_ROLE_VARIABLE, type ProcessRole } from '#kernel/process-role.ts';
import { isWakeMessage } from './wake-message.ts';
import { isLongWriteMessage } from './long-write-signal.server.ts';
import { isTaskDoneMessage, isTaskMessage, type TaskDoneMessage } from './task-messages.ts';

/**
 * How many serving processes: WEB_CONCURRENCY, else one per core. `SINGLE_PROCESS=1` (development,
 * most tests) keeps everything in one process instead, as `astro dev` does.
 */
export function servingProcesses(env: NodeJS.ProcessEnv = process.env): number | 'single' {
  if (['1', 'true'].includes(env.SINGLE_PROCESS ?? '')) return 'single';
  const wanted = Number(env.WEB_CONCURRENCY);
  return Number.isInteger(wanted) && wanted >= 1 ? wanted : availableParallelism();
}

/**
 * The V8 flags of each role. NODE_OPTIONS naming a flag wins for that flag.
 *
 * V8 sizes a process's heap by the machine's memory: on a 24 GB machine each serving process kept
 * a 134 MB new space and let garbage grow its old space past 200 MB, about 480 MB in all under
 * load for some 160 MB alive. 16 MB semi-spaces (V8's usual size) for every process, and an old
 * space of at most SERVING_HEAP_MB (320 unless set) for serving processes, keep them near 350 MB
 * at the cost of more frequent collections. The jobs process, which reads whole uploads, keeps
 * V8's own old-space limit.
 *
 * V8 also starts 4 threads of its own per process (concurrent marking, parallel scavenges,
 * background compiles). With a serving process per core each of them is one more thread than
 * its share of the machine: in the second after a publish, when every process works at once,
 * 5–8 threads were runnable on 2 cores, and even an idle process waited up to 78 ms to run.
 * Serving processes keep one (`--v8-pool-size=1`). Under bench:load, five runs before and four
 * after: a run's longest stall of a serving loop went from 28–81 to 32–47 ms and its lateness p99
 * from 7.2–11.6 to 7.6–8.8 ms, at the same CPU per page (14.8–15.9 ms).
 * The jobs process runs below their priority, its threads too, and keeps V8's default.
 */
export function v8Args(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): string[] {
  const given = (flag: string) => env.NODE_OPTIONS?.includes(flag) ?? false;
  const args = given('--max-semi-space-size') ? [] : ['--max-semi-space-size=16'];
  if (role === 'web' && !given('--max-old-space-size')) args.push(`--max-old-space-size=${Number(env.SERVING_HEAP_MB) || 320}`);
  if (role === 'web' && !given('--v8-pool-size')) args.push('--v8-pool-size=1');
  return args;
}

/**
 * The jobs process's niceness (JOBS_NICE, 10 unless set; 0 to turn it off). A publish keeps it
 * busy for seconds; at the same priority it took one of this machine's two cores from the
 * serving processes, and every buyer's page waited in the second it committed. Below them it
 * runs on what they leave, which outside such bursts is most of the machine.
 */
export function jobsNiceness(env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.JOBS_NICE);
  return env.JOBS_NICE !== undefined && Number.isInteger(wanted) && wanted >= 0 && wanted <= 19 ? wanted : 10;
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
  // 'advanced': dates and maps in heavy work's input and answers cross as they are.
  cluster.setupPrimary({ exec: options.workerScript, serialization: 'advanced' });
  let stopping = false;
  const roles = new Map<number, ProcessRole>();
  let jobs: Worker | undefined;

  const start = (role: ProcessRole): Worker => {
    // Settings apply to the forks after them: each role its heap's bounds.
    cluster.setupPrimary({ execArgv: [...process.execArgv, ...v8Args(role)] });
    const worker = cluster.fork({ [PROCESS_ROLE_VARIABLE]: role });
    roles.set(worker.id, role);
    // The jobs process lowers its own priority, every thread of it (scripts/serve-worker.ts).
    if (role === 'jobs') jobs = worker;
    const startedAt = Date.now();
    worker.once('exit', (code, signal) => {
      roles.delete(worker.id);
      if (role === 'jobs') {
        for (const relayed of [...relayedIds.keys()]) answerLost(relayed);
        for (const w of Object.values(cluster.workers ?? {})) if (w && roles.get(w.id) === 'web' && w.isConnected()) w.send({ kind: 'vitrine:long-write', active: false });
      }
      if (stopping) return;
      logger.warn({ role, pid: worker.process.pid, code, signal }, `A ${role} process ended unexpectedly (${signal ?? `exit code ${code}`}); starting another.`);
      const wait = Date.now() - startedAt < QUICK_DEATH_MS ? 1_000 : 0;
      setTimeout(() => { if (!stopping) start(role); }, wait).unref();
    });
    return worker;
  };

  let nextTask = 1;
  const relayedIds = new Map<number, { origin: number; id: number }>();
  cluster.on('message', (worker, message: unknown) => {
    if (isWakeMessage(message) && jobs?.isConnected()) jobs.send(message);
    if (isLongWriteMessage(message)) {
      for (const w of Object.values(cluster.workers ?? {})) if (w && roles.get(w.id) === 'web' && w.isConnected()) w.send(message);
    }
    if (isTaskMessage(message)) {
      // Ids are each serving process's own: the primary gives each task one of its own on the way.
      const relayed = nextTask++;
      relayedIds.set(relayed, { origin: worker.id, id: message.id });
      if (jobs?.isConnected()) jobs.send({ ...message, id: relayed });
      else answerLost(relayed);
    }
    if (isTaskDoneMessage(message)) {
      const to = relayedIds.get(message.id);
      relayedIds.delete(message.id);
      if (to) cluster.workers?.[to.origin]?.send({ ...message, id: to.id });
    }
  });
  /** A task the jobs process will never answer (it died or is not there): its requester hears so. */
  const answerLost = (relayed: number) => {
    const to = relayedIds.get(relayed);
    relayedIds.delete(relayed);
    const error = { kind: 'other' as const, name: 'Error', field: null, message: 'The background process stopped while doing this. Look whether it took effect, and try again if not.' };
    if (to) cluster.workers?.[to.origin]?.send({ kind: 'vitrine:task-done', id: to.id, ok: false, error } satisfies TaskDoneMessage);
  };

  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const check = setInterval(() => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); }, 50);
    check.unref();
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The serving processes log their event-loop delay on SIGUSR2 (event-loop-report.ts).
  process.on('SIGUSR2', () => {
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && roles.get(worker.id) === 'web') worker.process.kill('SIGUSR2');
  });

  start('jobs');
  const serving = Array.from({ length: options.web }, () => start('web'));
  return Promise.all(serving.map((w) => new Promise<void>((done, fail) => {
    w.once('listening', () => done());
    w.once('exit', (code) => fail(new Error(`a serving process ended before it listened (exit code ${code})`)));
  }))).then(() => undefined);
}
