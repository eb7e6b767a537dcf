import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './free-port.ts';

export interface ServerProcess {
  base: string;
  port: number;
  /** Everything the process printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (waits up to `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** JSON lines of the output that parse. */
  logLines(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/**
 * Runs a server script of the project (scripts/start.ts, scripts/serve.ts…) as its own process on a
 * free 127.0.0.1 port, the way an operator runs it, and waits until /healthz answers.
 */
export async function startServerProcess(script: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let text = '';
  const child: ChildProcess = spawn(process.execPath, [resolve(script)], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ASTRO_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Not left running when the test process ends first (a timed-out test never reaches stop()).
  const orphanGuard = () => { child.kill('SIGKILL'); };
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  child.stdout!.on('data', (d: Buffer) => { text += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { text += d.toString(); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${text}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`the server did not answer /healthz: ${text}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    base, port,
    output: () => text,
    async waitFor(pattern, ms = 20_000) {
      const until = Date.now() + ms;
      for (;;) {
        const m = text.match(pattern);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no ${pattern} in the output: ${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    logLines() {
      return text.split('\n').flatMap((line) => {
        try { const v = JSON.parse(line) as unknown; return v && typeof v === 'object' ? [v as Record<string, unknown>] : []; } catch { return []; }
      });
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
