// Capacity: the load bench's buyers (Globex and Initech browsing category pages, opening product
// pages and searching, every response checked for the other customer's data) on the same
// 100,000-item world, offered more each step until the buyers' p99 passes 1 s. Prints one line
// per step (offered and served req/s, p99 of the slowest kind, errors, leaks) and the highest
// served rate with p99 <= 1 s (target >= 150 req/s on a 2-core machine). A first step at the
// lowest rate warms the processes' caches (search state, templates) and is not counted: the
// load bench measures the cold start and a publish, this one the steady state.
// Run: npm run bench:capacity (after npm run build). LOAD_STEP_SECONDS (default 15).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuyerLoads } from './buyer-loads.ts';
import { createLeakOracle, CUSTOMERS, type Customer } from './leak-oracle.ts';
import { demoCategories } from './preflight.ts';
import { signIn, startServer, stopServer, type RunningServer } from './server.ts';
import { readSharedItems } from './shared-items.ts';
import { buildLoadWorld } from './world.ts';
import { formatTotals } from './report.ts';

const STEP_SECONDS = Number(process.env.LOAD_STEP_SECONDS ?? 15);
/**
 * Requests per second offered in all, step by step. Steps of 24 from 144 on: with a step from
 * 144 straight to 192, runs of one build printed 144 or 192 by which side of the bar 192 fell.
 */
const RATES = [24, 48, 72, 96, 144, 168, 192, 216, 240, 288];
const WARM_SECONDS = 20;
const BAR_MS = 1000;

const dir = mkdtempSync(join(tmpdir(), 'vitrine-bench-capacity-'));
let server: RunningServer | undefined;
try {
  const world = await buildLoadWorld(dir, 10, console.log);
  const shared = await readSharedItems(world.databaseUrl);
  const oracle = createLeakOracle(shared);
  server = await startServer(world);
  const origin = server.origin;
  const sessions: Record<Customer, string[]> = { globex: [], initech: [] };
  for (const customer of CUSTOMERS) for (const email of world.buyers[customer]) sessions[customer].push(await signIn(origin, email));
  const categories = { globex: await demoCategories(origin, sessions.globex[0]!), initech: await demoCategories(origin, sessions.initech[0]!) };
  const step = (rate: number, seconds: number, seed: number) => startBuyerLoads({ origin, sessions, categories, shared, oracle, seed, rate, maxSeconds: seconds, maxRequests: 1_000_000 });
  const warm = formatTotals(await Promise.all(step(RATES[0]!, WARM_SECONDS, 1000).map((l) => l.done)));
  console.log(`warm-up (not counted): ${warm.line}`);
  let best = 0;
  for (const rate of RATES) {
    const loads = step(rate, STEP_SECONDS, 2000 + rate);
    const outcomes = await Promise.all(loads.map((l) => l.done));
    const totals = formatTotals(outcomes);
    const seconds = Math.max(...outcomes.map((o) => o.result.duration));
    const served = totals.responses / seconds;
    const p99 = Math.max(...outcomes.map((o) => o.result.latency.p99));
    const ok = p99 <= BAR_MS && totals.errors === 0 && totals.leaks === 0;
    console.log(`capacity step: offered ${rate} req/s, served ${served.toFixed(1)} req/s, p99 ${p99} ms (slowest kind), ${totals.errors} errors, ${totals.leaks} leaks, load average ${loadavg()[0]!.toFixed(1)}`);
    if (!ok) break;
    best = Math.max(best, served);
  }
  console.log(`capacity: ${best.toFixed(0)} buyer req/s served with p99 <= ${BAR_MS} ms and no errors or leaks (target >= 150)`);
} finally {
  if (server) await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
