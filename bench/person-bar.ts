// Which is faster for the header of the pages prerendered for everyone (home, help, suppliers,
// 404): the static page plus the small /account/person-bar.json its script asks for, or a page
// rendered on demand? The on-demand side is measured on /account, a page of the same layout and
// about the same size that Astro renders per request through the same middleware (session,
// access, headers). Sequential requests over keep-alive on the built server; p50/p95 in ms.
// Run: npm run build && node_modules/.bin/node bench/person-bar.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorld } from '#tests/support/world.ts';
import { startBuiltServer } from '#tests/support/built-server.ts';
import { signInOver } from '#tests/support/http-form.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const N = 400;
const WARMUP = 50;
const world = await openWorld('accounts');
world.database.client.close(); // the server opens the file itself
const server = await startBuiltServer({ databaseFile: join(world.dir, 'test.db'), mediaDir: mkdtempSync(join(tmpdir(), 'bench-media-')) });
try {
  const cookie = await signInOver(server.base, 'buyer@globex.test', DEMO_PASSWORD);
  const get = async (path: string) => { const r = await fetch(server.base + path, { headers: { cookie }, redirect: 'manual' }); await r.arrayBuffer(); if (r.status !== 200) throw new Error(`${path}: ${r.status}`); };
  async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
    for (let i = 0; i < WARMUP; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`${label}: p50 ${times[Math.floor(N / 2)]!.toFixed(2)} ms, p95 ${times[Math.floor(N * 0.95)]!.toFixed(2)} ms`);
  }
  await measure('prerendered /help alone', () => get('/help'));
  await measure('person-bar.json alone', () => get('/account/person-bar.json'));
  await measure('prerendered /help, then person-bar.json (what the browser does)', async () => { await get('/help'); await get('/account/person-bar.json'); });
  await measure('on demand: /account', () => get('/account'));
} finally {
  await server.stop();
  world.close();
}
