// The built server under test, started the stable way (scripts/serve.ts, honouring DIST_DIR),
// on 127.0.0.1 with the bench's database and media folder; and signing in as a person does.
import { request } from 'node:http';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startBuiltServer, type ServerProcess } from '#tests/support/built-server.ts';
import { treeCpuMs } from '../process-tree.ts';
import { STALL_LOG_OVER_MS } from './stalls.ts';

export interface RunningServer { origin: string; pid: number; stderr: string[]; process: ServerProcess }

export async function startServer(env: { databaseUrl: string; mediaDir: string }): Promise<RunningServer> {
  // The production shape: one serving process per core (WEB_CONCURRENCY) and one for background work.
  const server = await startBuiltServer({ databaseUrl: env.databaseUrl, mediaDir: env.mediaDir, env: { SINGLE_PROCESS: process.env.SINGLE_PROCESS ?? '0', LOG_STALLS_OVER_MS: String(STALL_LOG_OVER_MS) } });
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
        if ((res.statusCode !== 302 && res.statusCode !== 303) || !cookie) reject(new Error(`signing in as ${email} failed: ${res.statusCode}`));
        else resolve(cookie);
      });
    });
    req.on('error', (e) => reject(new Error(`signing in as ${email}: ${e.message}`)));
    req.end(body);
  });
}

/** CPU time (user + system) the server's processes have used so far, in ms. */
export const cpuMs = (pid: number): number => treeCpuMs(pid);

/**
 * Asks the serving processes for their event-loop delay since the last ask (SIGUSR2 to the
 * primary, which passes it on; src/server/event-loop-report.ts) and returns what they logged.
 */
export interface ProcessMemory { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }

export async function eventLoopDelays(server: RunningServer): Promise<Array<{ pid: number; p50: number; p99: number; max: number; memory: ProcessMemory }>> {
  const before = server.process.logLines().length;
  process.kill(server.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 1000));
  return server.process.logLines().slice(before)
    .filter((l) => l.msg === 'event loop delay since the last report')
    .map((l) => ({ pid: l.pid as number, ...(l.eventLoopDelayMs as { p50: number; p99: number; max: number }), memory: l.memoryMb as ProcessMemory }));
}

export async function stopServer(server: RunningServer): Promise<void> {
  await server.process.stop();
}
