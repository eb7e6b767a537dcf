import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPipelineWorld, type PipelineWorld } from '../imports/pipeline-world.ts';
import { freePort } from '../../support/free-port.ts';

// The build in DIST_DIR (dist/ unless set), started through the same front as in production.
const BUILD = resolve(process.env.DIST_DIR || 'dist', 'server/entry.mjs');
const SERVE = resolve('scripts/serve.ts');

export interface BuiltServer {
  world: PipelineWorld;
  base: string;
  uploadLimit: number;
  /** Lines the server printed (for a failing test's message). */
  output: string[];
  stop(): Promise<void>;
}

/**
 * The built server (npm run build) on a free 127.0.0.1 port, with its own temp database (demo
 * accounts) and media folder, and a small upload limit so the size checks are quick to test.
 */
export async function startBuiltServer(uploadLimit = 1024 * 1024, env: Record<string, string> = {}): Promise<BuiltServer> {
  if (!existsSync(BUILD)) throw new Error(`${BUILD} is missing: run "npm run build" before the API tests.`);
  const world = await openPipelineWorld();
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [SERVE], {
    env: {
      ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${join(world.dir, 'test.db')}`,
      MEDIA_DIR: world.mediaDir, UPLOAD_MAX_BYTES: String(uploadLimit), ASTRO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'info', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    world, base, uploadLimit, output,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      world.close();
    },
  };
}
