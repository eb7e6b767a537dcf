// Streaming check: the same pipeline reads a 100,000-row and a 1,000,000-row price list (15
// columns, generated), each in a process of its own, and prints each process's peak memory. Memory
// is bounded when the ten times larger file needs about the same peak (the ratio stays near 1),
// i.e. neither the file nor its rows are held in memory. Prints one line per figure.
// Run: node_modules/.bin/node bench/import-1m-memory.ts
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { organizations, revisions, users } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { saveUpload } from '#features/ingest/uploads/save-upload.server.ts';
import { startUpload } from '#features/ingest/uploads/start-upload.server.ts';
import { runWaitingUploads } from '#server/background-jobs.server.ts';
import { baseRows, writeCsv } from './import-data.ts';

const [role, dirArg, rowsArg] = process.argv.slice(2);

/** One process: a fresh database, the generated file uploaded and read; prints its own figures. */
async function readOnce(dir: string, rows: number) {
  const file = join(dir, `list-${rows}.csv`);
  await writeCsv(file, baseRows(rows));
  const database = await openDatabase(`file:${join(dir, `bench-${rows}.db`)}`);
  await runMigrations(database);
  const db = database.db;
  const [org] = await db.insert(organizations).values({ name: 'Bench', slug: 'bench', kind: 'supplier', createdAt: new Date().toISOString() }).returning();
  const [user] = await db.insert(users).values({ orgId: org!.id, email: 'bench@vitrine.test', name: 'Bench', role: 'supplier', createdAt: new Date().toISOString() }).returning();
  const catalog = await createCatalog(db, { supplierOrgId: org!.id, name: 'Bench', currency: 'EUR' });
  const before = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const uploadsDir = join(dir, `uploads-${rows}`);
  const saved = await saveUpload(createReadStream(file), uploadsDir, 4 * 1024 ** 3);
  const revision = await startUpload(db, catalog, { id: user!.id, email: user!.email }, { ...saved, fileName: 'list.csv', sheet: null }, { ip: null, at: new Date() });
  await runWaitingUploads({ db, mediaDir: join(dir, 'media'), uploadsDir });
  const [done] = await db.select().from(revisions).where(eq(revisions.id, revision.id));
  if (done?.state !== 'ready' || done.itemCount !== rows) throw new Error(`not read: ${done?.state} ${done?.itemCount} ${done?.failureReason}`);
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, peakMb: process.resourceUsage().maxRSS / 1024, beforeMb: before, fileMb: statSync(file).size / 1024 ** 2 }) + '\n');
  database.client.close();
}

function child(dir: string, rows: number): Record<string, number> {
  const run = spawnSync(process.execPath, [import.meta.filename, 'read', dir, String(rows)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`reading ${rows} rows failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

if (role === 'read') {
  await readOnce(dirArg!, Number(rowsArg));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-bench-1m-'));
  try {
    const small = child(dir, 100_000);
    const large = child(dir, 1_000_000);
    const n = (v: number) => Math.round(v).toLocaleString('en');
    console.log(`import-1m file sizes: ${n(small.fileMb!)} MB (100,000 rows) and ${n(large.fileMb!)} MB (1,000,000 rows)`);
    console.log(`import-1m peak RSS reading 100,000 rows: ${n(small.peakMb!)} MB (${n(small.beforeMb!)} MB before the upload)`);
    console.log(`import-1m peak RSS reading 1,000,000 rows: ${n(large.peakMb!)} MB (${n(large.beforeMb!)} MB before the upload)`);
    console.log(`import-1m peak RSS ratio 1,000,000 / 100,000 rows: ${(large.peakMb! / small.peakMb!).toFixed(2)}× for 10× the rows (bounded when near 1)`);
    console.log(`import-1m rows per second at 1,000,000 rows: ${n(1_000_000 / (large.ms! / 1000))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
