// The built server the scanners attack: its own temp folder, a migrated database seeded with the
// demo, started through scripts/serve.ts (DIST_DIR honoured, dist/ by default) on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { freePort } from '#tests/support/free-port.ts';

export interface ScanServer {
  base: string;
  dir: string;
  databaseUrl: string;
  /** Lines the server printed: an uncaught error there is a finding too. */
  output: string[];
  stop(): Promise<void>;
}

export async function startScanServer(): Promise<ScanServer> {
  const dist = resolve(process.env.DIST_DIR || 'dist');
  if (!existsSync(join(dist, 'server/entry.mjs'))) throw new Error(`${dist}/server/entry.mjs is missing: build first (npm run build, or astro build --outDir ${process.env.DIST_DIR ?? 'dist'}).`);
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-scan-'));
  const databaseUrl = `file:${join(dir, 'scan.db')}`;
  const mediaDir = join(dir, 'media');
  const database = await openDatabase(databaseUrl);
  await runMigrations(database);
  await seedDemo(database, { mediaDir });
  database.client.close();

  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, MEDIA_DIR: mediaDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz: ${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base, dir, databaseUrl, output,
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

/** Signs in as a demo account the way the sign-in form does; returns the "name=value" session cookie. */
export async function signInCookie(base: string, email: string): Promise<{ name: string; value: string; header: string }> {
  const res = await fetch(`${base}/login?_action=auth.signIn`, {
    method: 'POST', redirect: 'manual', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  await res.arrayBuffer();
  const header = (res.headers.getSetCookie().find((c) => !/=;|Max-Age=0/i.test(c)) ?? '').split(';')[0]!;
  if (res.status !== 302 && res.status !== 303 || !header.includes('=')) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  const at = header.indexOf('=');
  return { name: header.slice(0, at), value: header.slice(at + 1), header };
}
