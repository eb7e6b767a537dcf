import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './free-port.ts';

export interface ServerSettings {
  /** A local database file, or `databaseUrl` for any libSQL URL. */
  databaseFile?: string;
  databaseUrl?: string;
  mediaDir: string;
  uploadMaxBytes?: number;
  /** MEDIA_MAX_BYTES: the storage quota of the media and uploads folders. */
  mediaMaxBytes?: number;
  /** More environment for the process (MEILISEARCH_URL is removed unless given here). */
  env?: Record<string, string>;
  /** What to run: the production front by default; tests/e2e/serve-seeded.ts seeds first. */
  script?: string;
  /** The build to serve: DIST_DIR (e.g. `.dist-faults`, built with `astro build --outDir`) or dist/ unless given. */
  distDir?: string;
  startTimeoutMs?: number;
}

/** One run of the built server process on a free 127.0.0.1 port. */
export interface ServerProcess {
  base: string;
  pid: number;
  /** Everything the process printed, for a failing assertion's message. */
  output: string[];
  /** What it printed on standard error alone: its error log. */
  errorOutput: string[];
  /** Resolves with the first match of `pattern` in the output (waits up to `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** The output's lines that are JSON objects (the log). */
  logLines(): Array<Record<string, unknown>>;
  /** Sends the signal and waits until the process is gone; returns how it ended. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** A graceful stop (SIGTERM), escalating to SIGKILL after 10 s. */
  stop(): Promise<void>;
  exited(): boolean;
}

/**
 * Starts the built server the supported way (scripts/serve.ts) and waits for /healthz, which
 * also starts the background jobs: a restart resumes interrupted uploads from there. Every test,
 * scan and bench that needs a real server starts it here and stops it itself.
 */
export async function startBuiltServer(settings: ServerSettings): Promise<ServerProcess> {
  const DIST = resolve(settings.distDir ?? (process.env.DIST_DIR || 'dist'));
  if (!existsSync(resolve(DIST, 'server/entry.mjs'))) throw new Error(`${DIST}/server/entry.mjs is missing: build first (npm run build, or astro build --outDir with DIST_DIR set).`);
  const port = await freePort();
  const output: string[] = [];
  const errorOutput: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env, DIST_DIR: DIST, HOST: '127.0.0.1', PORT: String(port), MEDIA_DIR: settings.mediaDir, ASTRO_TELEMETRY_DISABLED: '1',
    DATABASE_URL: settings.databaseUrl ?? `file:${settings.databaseFile}`,
    // One process unless a test asks for several (env: { SINGLE_PROCESS: '0', WEB_CONCURRENCY: 'n' }):
    // most tests look at one process's caches and log.
    SINGLE_PROCESS: '1',
  };
  delete env.MEILISEARCH_URL;
  if (settings.uploadMaxBytes) env.UPLOAD_MAX_BYTES = String(settings.uploadMaxBytes);
  if (settings.mediaMaxBytes) env.MEDIA_MAX_BYTES = String(settings.mediaMaxBytes);
  Object.assign(env, settings.env);
  // SERVER_NODE_ARGS passes flags NODE_OPTIONS refuses (--cpu-prof for a bench's profile) to the
  // server and, through node:cluster, to every process it starts.
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, settings.script ?? 'scripts/serve.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test process that ends first (a crash, a timeout) takes its server with it.
  const orphanGuard = () => { child.kill('SIGKILL'); };
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => { output.push(d.toString()); errorOutput.push(d.toString()); });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (settings.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exited()) throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}): ${output.join('')}`);
    if (await fetch(`${base}/healthz`).then(async (r) => { await r.arrayBuffer(); return r.ok; }, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const kill = async (signal: 'SIGKILL' | 'SIGTERM') => {
    if (!exited()) child.kill(signal);
    return ended;
  };
  return {
    base, pid: child.pid!, output, errorOutput, kill, exited,
    async waitFor(pattern, ms = 20_000) {
      const until = Date.now() + ms;
      for (;;) {
        const match = output.join('').match(pattern);
        if (match) return match;
        if (Date.now() > until) throw new Error(`no ${pattern} in the output: ${output.join('')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    logLines() {
      return output.join('').split('\n').flatMap((line) => {
        try {
          const value = JSON.parse(line) as unknown;
          return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
    },
    async stop() {
      const timer = setTimeout(() => { if (!exited()) child.kill('SIGKILL'); }, 10_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}
