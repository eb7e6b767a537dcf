import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/free-port.ts';

export interface OwnServer { baseURL: string; databaseUrl: string; mediaDir: string; stop(): Promise<void> }

/**
 * The built server on a seeded database of its own, for a spec that publishes: its changes
 * must not reach the specs sharing the suite's server. Started the way playwright.config.ts
 * starts that one (tests/e2e/serve-seeded.ts), and stopped by its own process id.
 */
export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-e2e-own-'));
  const port = await freePort();
  const databaseUrl = `file:${join(dir, 'vitrine.db')}`;
  const mediaDir = join(dir, 'media');
  const child: ChildProcess = spawn(process.execPath, ['tests/e2e/serve-seeded.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, MEDIA_DIR: mediaDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => { output += String(d); });
  child.stderr?.on('data', (d) => { output += String(d); });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the spec's own server exited: ${output}`);
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`the spec's own server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseURL, databaseUrl, mediaDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
