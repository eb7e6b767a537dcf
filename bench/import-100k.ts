// A 100,000-row price list (15 columns) from upload to `ready` — streamed into the uploads folder,
// read, checked, stored, its report and its diff against a live revision of 100,000 rows with
// 5% changes — against a baseline measured in the same run: inserting the same 100,000 rows into
// libSQL in plain batched transactions, with no parsing and no checks. Each phase runs in its own
// process so its peak memory (RSS) is its own; then the same upload goes through the built server
// and its API (when dist/ exists), for the production memory figure. Prints one line per figure.
// Run: node_modules/.bin/node bench/import-100k.ts [rows]
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { catalogs, items, organizations, revisions, users } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { saveUpload } from '#features/ingest/uploads/save-upload.server.ts';
import { startUpload } from '#features/ingest/uploads/start-upload.server.ts';
import { runWaitingUploads } from '#server/background-jobs.server.ts';
import { listProblems } from '#features/catalogs/revision-report.server.ts';
import { listDiff } from '#features/ingest/revisions/diff-revisions.server.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { baseRows, revisedRows, writeCsv, type BenchRow } from './import-data.ts';
import { watchPeakRss } from './process-tree.ts';

const PHASES = ['setup', 'pipeline', 'baseline'];
const [first, dirArg, rowsArg] = process.argv.slice(2);
const role = PHASES.includes(first ?? '') ? first! : 'main';
const ROWS = Number(role === 'main' ? (first ?? 100_000) : rowsArg);
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const report = (figures: Record<string, number>) => process.stdout.write(JSON.stringify(figures) + '\n');

async function setup(dir: string) {
  const database = await openDatabase(`file:${join(dir, 'bench.db')}`);
  await runMigrations(database);
  const db = database.db;
  const [org] = await db.insert(organizations).values({ name: 'Bench Fasteners', slug: 'bench-fasteners', kind: 'supplier', createdAt: new Date().toISOString() }).returning();
  const catalog = await createCatalog(db, { supplierOrgId: org!.id, name: 'Bench catalog', currency: 'EUR' });
  await db.insert(users).values({ orgId: org!.id, email: 'bench@vitrine.test', name: 'Bench', role: 'supplier', createdAt: new Date().toISOString() });
  await writeCsv(join(dir, 'base.csv'), baseRows(ROWS));
  await writeCsv(join(dir, 'revised.csv'), revisedRows(ROWS));
  const base = await createRevision(db, { catalogId: catalog.id, fileName: 'base.csv', uploadedBy: null }, new Date());
  const outcome = await processRevision({ db, mediaDir: join(dir, 'media') }, base.id, { path: join(dir, 'base.csv'), originalName: 'base.csv' });
  if (outcome.state !== 'ready') throw new Error(`the base list did not load: ${JSON.stringify(outcome)}`);
  await makeRevisionLive(db, base.id, { id: null, email: null }, new Date());
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  database.client.close();
  copyFileSync(join(dir, 'bench.db'), join(dir, 'baseline.db'));
  copyFileSync(join(dir, 'bench.db'), join(dir, 'server.db'));
  report({});
}

/** What the endpoint does with an upload, then the background reader, then the first page of report and diff. */
async function pipeline(dir: string) {
  const loadedMb = peakMb();
  const database = await openDatabase(`file:${join(dir, 'bench.db')}`);
  const db = database.db;
  const [catalog] = await db.select().from(catalogs).limit(1);
  const [supplier] = await db.select().from(users).limit(1);
  const uploadsDir = join(dir, 'uploads');
  const started = performance.now();
  const saved = await saveUpload(createReadStream(join(dir, 'revised.csv')), uploadsDir, 1024 ** 3);
  const revision = await startUpload(db, catalog!, { id: supplier!.id, email: supplier!.email }, { ...saved, fileName: 'revised.csv', sheet: null }, { ip: null, at: new Date() });
  await runWaitingUploads({ db, mediaDir: join(dir, 'media'), uploadsDir });
  const [done] = await db.select().from(revisions).where(eq(revisions.id, revision.id));
  await listProblems(db, revision.id, { page: 1 });
  await listDiff(db, catalog!.liveRevisionId, revision.id, { sort: 'price-move', page: 1 });
  const ms = performance.now() - started;
  if (done?.state !== 'ready') throw new Error(`the revised list did not load: ${done?.state} ${done?.failureReason}`);
  report({ ms, items: done.itemCount, warnings: done.warningCount, added: done.diffSummary!.added, removed: done.diffSummary!.removed, changed: done.diffSummary!.changed, peakMb: peakMb(), loadedMb });
  database.client.close();
}

/** The same rows as plain values, inserted in batched transactions: no file, no parsing, no checks. */
async function baseline(dir: string) {
  const database = await openDatabase(`file:${join(dir, 'baseline.db')}`);
  const db = database.db;
  const [catalog] = await db.select().from(catalogs).limit(1);
  const [rev] = await db.insert(revisions).values({ catalogId: catalog!.id, state: 'processing', fileName: 'baseline', format: 'csv', createdAt: new Date().toISOString() }).returning();
  const toItem = (r: BenchRow, rowNumber: number) => ({
    revisionId: rev!.id, rowNumber, sku: r.sku, name: r.cells[1]!, description: r.cells[2]!, categoryPath: r.cells[3]!, unit: r.cells[4]!, priceMinor: r.priceMinor,
    tiers: [{ minQty: 10, priceMinor: Math.floor(r.priceMinor * 0.95) }, { minQty: 50, priceMinor: Math.floor(r.priceMinor * 0.9) }],
    minOrderQty: 1, gtin: r.cells[8]!, manufacturer: r.cells[9]!, mpn: r.cells[10]!,
    attributes: { Finish: r.cells[13]!, Material: r.cells[12]!, 'Weight (kg)': r.cells[14]! }, images: [],
  });
  const rows = [...revisedRows(ROWS)].map((r, i) => toItem(r, i + 2));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await db.transaction(async (tx) => { await tx.insert(items).values(batch); });
  }
  const ms = performance.now() - started;
  report({ ms, rows: rows.length, peakMb: peakMb() });
  database.client.close();
}

/**
 * The same upload through the built server (npm run build), as a supplier's ERP sends it: its
 * peak memory is the production figure (bundled code, no TypeScript loading). Skipped when dist/
 * is missing.
 */
async function viaServer(dir: string): Promise<{ ms: number; peaks: Array<{ role: string; peakMb: number }> } | null> {
  const entry = join(import.meta.dirname, '..', 'dist', 'server', 'entry.mjs');
  if (!existsSync(entry)) return null;
  const front = join(import.meta.dirname, '..', 'scripts', 'serve.ts');
  const database = await openDatabase(`file:${join(dir, 'server.db')}`);
  const [user] = await database.db.select().from(users).limit(1);
  const [org] = await database.db.select().from(organizations).limit(1);
  const [catalog] = await database.db.select().from(catalogs).limit(1);
  const owner = { id: user!.id, email: user!.email, name: user!.name, role: 'supplier' as const, orgId: org!.id, orgKind: 'supplier' as const, orgName: org!.name };
  const { token } = await createApiToken(database.db, owner, 'bench', { ip: null, at: new Date() });
  database.client.close();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(process.execPath, [front], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${join(dir, 'server.db')}`, MEDIA_DIR: join(dir, 'server-media') }, stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) await new Promise((r) => setTimeout(r, 200));
    // Peak memory of each process the server runs as (the jobs process reads the upload).
    const memory = watchPeakRss(server.pid!);
    const headers = { authorization: `Bearer ${token}` };
    const started = performance.now();
    const body = Readable.toWeb(createReadStream(join(dir, 'revised.csv'))) as ReadableStream<Uint8Array>;
    const res = await fetch(`${base}/api/v1/catalogs/${catalog!.id}/revisions`, { method: 'POST', body, duplex: 'half', headers: { ...headers, 'content-type': 'text/csv', 'x-file-name': 'revised.csv' } } as RequestInit);
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    const url = (await res.json() as { revisionUrl: string }).revisionUrl;
    for (;;) {
      const state = (await (await fetch(base + url, { headers })).json() as { revision: { state: string } }).revision.state;
      if (state !== 'processing') {
        if (state !== 'ready') throw new Error(`the server's revision ended ${state}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500)); // an ERP polls now and then, not in a tight loop
    }
    await fetch(`${base}${url}/diff?sort=price-move`, { headers });
    const ms = performance.now() - started;
    return { ms, peaks: memory.stop() };
  } finally {
    server.kill('SIGTERM');
  }
}

function child(which: string, dir: string): Record<string, number> {
  const run = spawnSync(process.execPath, [import.meta.filename, which, dir, String(ROWS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${which} failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-bench-import-'));
  try {
    child('setup', dir);
    const p = child('pipeline', dir);
    const b = child('baseline', dir);
    const srv = await viaServer(dir);
    const n = (v: number) => Math.round(v).toLocaleString('en');
    console.log(`import-100k rows: ${n(ROWS)} (15 columns; against a live revision of ${n(ROWS)}: ${n(p.added!)} added, ${n(p.removed!)} removed, ${n(p.changed!)} changed, ${n(p.warnings!)} price-move warnings)`);
    console.log(`import-100k pipeline upload→ready with report and diff: ${(p.ms! / 1000).toFixed(1)} s (target ≤ 20 s)`);
    console.log(`import-100k pipeline rows per second: ${n(ROWS / (p.ms! / 1000))}`);
    console.log(`import-100k pipeline peak RSS: ${n(p.peakMb!)} MB (target ≤ 400 MB; ${n(p.loadedMb!)} MB of it before the upload started: Node loading the unbundled modules)`);
    console.log(`import-100k baseline plain batched inserts: ${(b.ms! / 1000).toFixed(1)} s (peak RSS ${n(b.peakMb!)} MB, rows held in memory)`);
    console.log(`import-100k ratio pipeline / baseline: ${(p.ms! / b.ms!).toFixed(2)}× (aim < 4×)`);
    if (srv) {
      console.log(`import-100k built server, API upload→ready and first diff page: ${(srv.ms / 1000).toFixed(1)} s (ratio to baseline ${(srv.ms / b.ms!).toFixed(2)}×)`);
      const worst = Math.max(...srv.peaks.filter((p) => p.role !== 'primary').map((p) => p.peakMb));
      console.log(`import-100k built server peak RSS per process, from start: ${srv.peaks.map((p) => `${p.role} ${n(p.peakMb)} MB`).join(', ')} (target ≤ 400 MB: ${worst <= 400 ? 'within' : 'OVER'})`);
    } else {
      console.log('import-100k built server: skipped (dist/server/entry.mjs is missing; run npm run build)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (role === 'main') await main();
else if (role === 'setup') await setup(dirArg!);
else if (role === 'pipeline') await pipeline(dirArg!);
else if (role === 'baseline') await baseline(dirArg!);
