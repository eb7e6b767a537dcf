// Debian's Chromium with a DevTools port for Lighthouse. Started by hand (not chrome-launcher,
// which is only a transitive dependency): the port is read from DevToolsActivePort in a
// profile folder of our own, and both go away when stop() is called.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

export interface Chrome { port: number; stop(): Promise<void> }

export async function launchChrome(chromePath = process.env.CHROME_PATH || '/usr/bin/chromium'): Promise<Chrome> {
  const profile = mkdtempSync(join(tmpdir(), 'vitrine-lh-chrome-'));
  const child = spawn(chromePath, [
    ...CHROME_FLAGS, '--no-first-run', '--no-default-browser-check', '--remote-debugging-port=0',
    `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(profile, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const port = Number(readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
      if (port > 0) return { port, stop };
    } catch { /* not written yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${chromePath} did not open a DevTools port (exit code ${child.exitCode})`);
}
