import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { bySku, liveItems, priceListCsv, priceLines, searchDisagreements, type Line } from '../faults/fault-world.ts';
import { openPipelineWorld, type PipelineWorld } from '../imports/pipeline-world.ts';
import { freePort } from '#tests/support/free-port.ts';

const ITEMS = 5_000;

/** `npm run backup -- <dir>` as its own process; resolves with when it ran and its exit code. */
function runBackup(env: Record<string, string>, dir: string): Promise<{ started: number; ended: number; code: number | null; output: string }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/backup.ts', dir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('exit', (code) => resolve({ started, ended: Date.now(), code, output }));
  });
}

// An online backup while the server writes, and a restore onto a stopped instance.
describe('backup and restore', () => {
  let w: PipelineWorld;
  let scratch: string;
  let env: Record<string, string>;
  let catalogId: number;
  const lines = new Map<number, Line[]>();
  let a: number;
  let b: number;

  beforeAll(async () => {
    w = await openPipelineWorld();
    scratch = mkdtempSync(join(tmpdir(), 'vitrine-backups-'));
    env = { DATABASE_URL: `file:${join(w.dir, 'test.db')}`, MEDIA_DIR: w.mediaDir };
    catalogId = (await w.catalog('Backup fasteners')).id;
    a = (await w.uploadAndRead(catalogId, priceListCsv(priceLines(ITEMS, 1)), 'a.csv')).id;
    await w.publish(a);
    b = (await w.uploadAndRead(catalogId, priceListCsv(priceLines(ITEMS, 2)), 'b.csv')).id;
    lines.set(a, bySku(priceLines(ITEMS, 1)));
    lines.set(b, bySku(priceLines(ITEMS, 2)));
    mkdirSync(join(w.mediaDir, 'ab'), { recursive: true });
    writeFileSync(join(w.mediaDir, 'ab', 'abcdef.webp'), 'image bytes');
  }, 180_000);
  afterAll(() => {
    w?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** Restores a backup with `npm run restore` into a fresh instance folder and says which side of the publish it holds. */
  async function restoredOutcome(backupDir: string): Promise<'before' | 'after'> {
    const instance = mkdtempSync(join(scratch, 'instance-'));
    const target = { DATABASE_URL: `file:${join(instance, 'vitrine.db')}`, MEDIA_DIR: join(instance, 'media'), PORT: String(await freePort()) };
    const run = spawnSync(process.execPath, ['scripts/restore.ts', backupDir], { env: { ...process.env, ...target }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(instance, 'media', 'ab', 'abcdef.webp'), 'utf8')).toBe('image bytes');
    const database = await openDatabase(target.DATABASE_URL);
    try {
      const restored = { db: database.db, database } as unknown as PipelineWorld;
      const [row] = await database.db.all<{ live: number; stateA: string; stateB: string; audit: number; outbox: number }>(sql`SELECT
        (SELECT live_revision_id FROM catalogs WHERE id = ${catalogId}) AS live,
        (SELECT state FROM revisions WHERE id = ${a}) AS stateA, (SELECT state FROM revisions WHERE id = ${b}) AS stateB,
        (SELECT count(*) FROM audit_events WHERE kind = 'revision-published' AND json_extract(detail, '$.revisionId') = ${b}) AS audit,
        (SELECT count(*) FROM search_outbox WHERE revision_id = ${b}) AS outbox`);
      expect([a, b]).toContain(row!.live);
      const outcome = row!.live === a ? 'before' : 'after';
      expect(await liveItems(restored, catalogId)).toEqual(lines.get(row!.live));
      expect([row!.stateA, row!.stateB]).toEqual(outcome === 'before' ? ['published', 'ready'] : ['superseded', 'published']);
      expect([row!.audit, row!.outbox]).toEqual(outcome === 'before' ? [0, 0] : [1, 1]);
      expect(await searchDisagreements(restored, catalogId)).toEqual([]);
      return outcome;
    } finally {
      database.client.close();
    }
  }

  test('backups taken before, during and after a publish restore to exactly the state before or after it', async () => {
    const before = await runBackup(env, join(scratch, 'before'));
    expect(before.code, before.output).toBe(0);
    expect(JSON.parse(readFileSync(join(scratch, 'before', 'backup.json'), 'utf8'))).toMatchObject({ format: 1, database: 'vitrine.db' });

    // Backups one after the other for as long as the publish runs.
    const publishStarted = Date.now();
    let publishEnded = 0;
    const publishing = w.publish(b).then(() => { publishEnded = Date.now(); });
    const during: Array<Awaited<ReturnType<typeof runBackup>> & { dir: string }> = [];
    for (let i = 0; publishEnded === 0 || i === 0; i++) {
      const dir = join(scratch, `during-${i}`);
      during.push({ ...(await runBackup(env, dir)), dir });
    }
    await publishing;
    const after = await runBackup(env, join(scratch, 'after'));

    expect(await restoredOutcome(join(scratch, 'before'))).toBe('before');
    expect(await restoredOutcome(join(scratch, 'after'))).toBe('after');
    for (const d of during) {
      expect(d.code, d.output).toBe(0);
      await restoredOutcome(d.dir); // before or after, whole either way
    }
    // At least one backup started while the publish was going on.
    expect(during.some((d) => d.started >= publishStarted && d.started < publishEnded)).toBe(true);
    expect(after.code).toBe(0);
  }, 240_000);

  test('backup refuses a folder that is not empty; restore refuses while a server answers', async () => {
    const refused = await runBackup(env, join(scratch, 'before'));
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('is not empty');
    // Something answering /healthz at HOST:PORT stands for a running server.
    const { createServer } = await import('node:http');
    const port = await freePort();
    const fake = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => fake.listen(port, '127.0.0.1', r));
    try {
      // Run without blocking this process: the stand-in server answers from here.
      const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['scripts/restore.ts', join(scratch, 'before')], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
        child.on('exit', (code) => resolve({ code, stderr }));
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('stop it before restoring');
      expect(existsSync(join(w.dir, 'test.db'))).toBe(true);
    } finally {
      fake.close();
    }
  });
});
