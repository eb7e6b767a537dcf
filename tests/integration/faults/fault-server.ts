import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '#tests/support/free-port.ts';

// The build the fault tests run: DIST_DIR (e.g. `.dist-faults`, built with
// `astro build --outDir .dist-faults`) or dist/. Started the supported way, through scripts/serve.ts.
const DIST = resolve(process.env.DIST_DIR || 'dist');
const SERVE = resolve('scripts/serve.ts');

export interface ServerSettings {
  databaseFile: string;
  mediaDir: string;
  uploadMaxBytes?: number;
  /** MEDIA_MAX_BYTES: the storage quota of the media and uploads folders. */
  mediaMaxBytes?: number;
}

/** One run of the built server process on a free port; kill() ends it like a crash or a stop would. */
export interface ServerProcess {
  base: string;
  pid: number;
  /** Everything the process printed, for a failing assertion's message. */
  output: string[];
  /** Sends the signal and waits until the process is gone; returns how it ended. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited(): boolean;
}

/**
 * Starts scripts/serve.ts on the given database file and media folder and waits for /healthz
 * (which also starts the background jobs: a restart resumes interrupted uploads from there).
 */
export async function startServer(settings: ServerSettings): Promise<ServerProcess> {
  if (!existsSync(resolve(DIST, 'server/entry.mjs'))) throw new Error(`${DIST}/server/entry.mjs is missing: build first (npm run build, or astro build --outDir with DIST_DIR set).`);
  const port = await freePort();
  const output: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env, DIST_DIR: DIST, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${settings.databaseFile}`,
    MEDIA_DIR: settings.mediaDir, ASTRO_TELEMETRY_DISABLED: '1',
  };
  if (settings.uploadMaxBytes) env.UPLOAD_MAX_BYTES = String(settings.uploadMaxBytes);
  if (settings.mediaMaxBytes) env.MEDIA_MAX_BYTES = String(settings.mediaMaxBytes);
  delete env.MEILISEARCH_URL;
  const child: ChildProcess = spawn(process.execPath, [SERVE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}): ${output.join('')}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, pid: child.pid!, output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return ended;
    },
    exited: () => child.exitCode !== null || child.signalCode !== null,
  };
}
