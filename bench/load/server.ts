// The built server under test, started the stable way (scripts/serve.ts, honouring DIST_DIR),
// on 127.0.0.1 with the bench's database and media folder; and signing in as a person does.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { freePort } from '#tests/support/free-port.ts';

export interface RunningServer { origin: string; child: ChildProcess; stderr: string[] }

export async function startServer(env: { databaseUrl: string; mediaDir: string }): Promise<RunningServer> {
  const dist = process.env.DIST_DIR || 'dist';
  if (!existsSync(resolve(dist, 'server/entry.mjs'))) {
    throw new Error(`no build in ${dist}/: build first (ASTRO_TELEMETRY_DISABLED=1 npx astro build --outDir ${dist}), or set DIST_DIR to your build folder`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve.ts'], {
    env: { ...process.env, DIST_DIR: dist, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: env.databaseUrl, MEDIA_DIR: env.mediaDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The server's own error log, kept for the report (SQLITE_BUSY and friends show up here).
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr.join('').slice(-2000)}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      await res.arrayBuffer();
      if (res.ok) return { origin, child, stderr };
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The session cookie of an account, signed in through the sign-in form's action on a connection
 * of its own, as a person arriving with a browser does.
 */
export function signIn(origin: string, email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: DEMO_PASSWORD }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/login?_action=auth.signIn`, {
      method: 'POST', agent: false,
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        const cookie = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='))?.split(';')[0];
        if (res.statusCode !== 302 || !cookie) reject(new Error(`signing in as ${email} failed: ${res.statusCode}`));
        else resolve(cookie);
      });
    });
    req.on('error', (e) => reject(new Error(`signing in as ${email}: ${e.message}`)));
    req.end(body);
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN) / 1024;
}

export async function stopServer(server: RunningServer): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}
