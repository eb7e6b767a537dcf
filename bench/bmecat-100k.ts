// BMEcat 2005 with 100,000 products, from upload to `ready` (two streaming passes, the same
// pipeline as CSV: storage in batches, checks, diff), and the peak memory of the process doing
// it; beside it, the CSV pipeline for the same items (the BMEcat revision exported as Vitrine's
// CSV), measured in the same run. Each upload runs in a fresh child process with its own
// database, so one run's memory cannot inflate the other's. Prints one line per figure.
// Run: node_modules/.bin/node bench/bmecat-100k.ts [products]
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { organizations } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { csvStream } from '#features/exports/csv.ts';
import { catalogTableExport } from '#features/exports/catalog-table-export.server.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { writeLargeBmecat } from '#tests/fixtures/formats/large-bmecat.ts';

interface Run { ms: number; peakRssMb: number; startRssMb: number; items: number; revisionId: number; state: string }

/** In a child process: one upload into a fresh database, timed from processing start to `ready`. */
async function child(dir: string, file: string): Promise<void> {
  const database = await openDatabase(`file:${join(dir, 'bench.db')}`);
  await runMigrations(database);
  const db = database.db;
  const [org] = await db.insert(organizations).values({ name: 'Bench Supplier', slug: 'bench-supplier', kind: 'supplier', createdAt: new Date().toISOString() }).returning();
  const catalog = await createCatalog(db, { supplierOrgId: org!.id, name: 'Bench catalog', currency: 'EUR' });
  const revision = await createRevision(db, { catalogId: catalog.id, fileName: file.split('/').pop()!, uploadedBy: null }, new Date());
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  const outcome = await processRevision({ db, mediaDir: join(dir, 'media') }, revision.id, { path: file, originalName: file.split('/').pop()! });
  const ms = performance.now() - started;
  const run: Run = {
    ms, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb: startRss / 1024 / 1024,
    items: outcome.state === 'ready' ? outcome.itemCount : 0, revisionId: revision.id, state: outcome.state,
  };
  database.client.close();
  console.log(JSON.stringify(run));
}

function measure(dir: string, file: string): Run {
  const out = execFileSync(process.execPath, [import.meta.filename, '--child', dir, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const run = JSON.parse(out.trim().split('\n').pop()!) as Run;
  if (run.state !== 'ready') throw new Error(`the upload of ${file} ended ${run.state}`);
  return run;
}

async function exportCsv(dir: string, revisionId: number, file: string): Promise<void> {
  const database = await openDatabase(`file:${join(dir, 'bench.db')}`);
  const table = await catalogTableExport(database.db, { name: 'Bench catalog', currency: 'EUR', revisionId }, 'http://bench.invalid');
  await pipeline(Readable.fromWeb(csvStream(table) as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(file));
  database.client.close();
}

async function main(): Promise<void> {
  const products = Number(process.argv[2] ?? 100_000);
  const root = await mkdtemp(join(tmpdir(), 'vitrine-bench-bmecat-'));
  try {
    const xml = join(root, 'catalog.xml');
    await writeLargeBmecat(xml, products);
    const bmecatDir = await mkdtemp(join(root, 'bmecat-'));
    const bmecat = measure(bmecatDir, xml);
    const csv = join(root, 'catalog.csv');
    await exportCsv(bmecatDir, bmecat.revisionId, csv);
    const csvRun = measure(await mkdtemp(join(root, 'csv-')), csv);
    if (csvRun.items !== bmecat.items) throw new Error(`the CSV gave ${csvRun.items} items, the BMEcat file ${bmecat.items}`);
    const mb = async (path: string) => ((await stat(path)).size / 1024 / 1024).toFixed(0);
    console.log(`bmecat-100k: file ${await mb(xml)} MB BMEcat 2005, ${await mb(csv)} MB as CSV, ${bmecat.items.toLocaleString('en')} items`);
    console.log(`bmecat-100k: BMEcat upload to ready ${(bmecat.ms / 1000).toFixed(1)} s (${Math.round(bmecat.items / (bmecat.ms / 1000)).toLocaleString('en')} products/s)`);
    console.log(`bmecat-100k: CSV upload to ready (baseline) ${(csvRun.ms / 1000).toFixed(1)} s (${Math.round(csvRun.items / (csvRun.ms / 1000)).toLocaleString('en')} rows/s)`);
    console.log(`bmecat-100k: BMEcat time / CSV time ${(bmecat.ms / csvRun.ms).toFixed(2)}x`);
    console.log(`bmecat-100k: BMEcat peak memory ${bmecat.peakRssMb.toFixed(0)} MB RSS (${bmecat.startRssMb.toFixed(0)} MB before the upload)`);
    console.log(`bmecat-100k: CSV peak memory (baseline) ${csvRun.peakRssMb.toFixed(0)} MB RSS (${csvRun.startRssMb.toFixed(0)} MB before the upload)`);
    console.log(`bmecat-100k: BMEcat peak memory / CSV peak memory ${(bmecat.peakRssMb / csvRun.peakRssMb).toFixed(2)}x`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
