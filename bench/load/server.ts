// The built server under test, started the stable way (scripts/serve.ts, honouring DIST_DIR),
// on 127.0.0.1 with the bench's database and media folder; and signing in as a person does.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startBuiltServer, type ServerProcess } from '#tests/support/built-server.ts';

export interface RunningServer { origin: string; pid: number; stderr: string[]; process: ServerProcess }

export async function startServer(env: { databaseUrl: string; mediaDir: string }): Promise<RunningServer> {
  const server = await startBuiltServer({ databaseUrl: env.databaseUrl, mediaDir: env.mediaDir });
  // The server's own error log, kept for the report (SQLITE_BUSY and friends show up here).
  return { origin: server.base, pid: server.pid, stderr: server.errorOutput, process: server };
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
  await server.process.stop();
}
