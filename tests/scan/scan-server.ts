// The built server the scanners attack: its own temp folder, a migrated database seeded with the
// demo, started through scripts/serve.ts (DIST_DIR honoured, dist/ by default) on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { startBuiltServer } from '#tests/support/built-server.ts';

export interface ScanServer {
  base: string;
  dir: string;
  databaseUrl: string;
  /** Lines the server printed: an uncaught error there is a finding too. */
  output: string[];
  stop(): Promise<void>;
}

export async function startScanServer(): Promise<ScanServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-scan-'));
  const databaseUrl = `file:${join(dir, 'scan.db')}`;
  const mediaDir = join(dir, 'media');
  const database = await openDatabase(databaseUrl);
  await runMigrations(database);
  await seedDemo(database, { mediaDir });
  database.client.close();
  const server = await startBuiltServer({ databaseUrl, mediaDir });
  return {
    base: server.base, dir, databaseUrl, output: server.output,
    async stop() {
      await server.stop();
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
