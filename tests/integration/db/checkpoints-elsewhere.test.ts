import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import Database from 'libsql';
import { openDatabase, type Database as Opened } from '#db/client.ts';
import { checkpointEvery } from '#db/checkpoints-elsewhere.ts';

// A serving process of several opens the database with checkpointOnCommit: false, so its small
// commits after a publish no longer copy the publisher's log into the database file on its event
// loop; the background process checkpoints instead (db/checkpoints-elsewhere.ts). Told by the
// WAL index in the -shm file: the log's last frame (mxFrame) and how far it has been copied back
// (nBackfill).

let dir: string;
let file: string;
let open: Opened[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vitrine-checkpoint-'));
  file = join(dir, 'test.db');
  const publisher = await opened();
  await publisher.client.executeMultiple(`
    CREATE TABLE drawings (id INTEGER PRIMARY KEY, data BLOB);
    CREATE TABLE visits (id INTEGER PRIMARY KEY, who TEXT UNIQUE);`);
  await publisher.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
});

afterEach(() => {
  for (const d of open) d.client.close();
  open = [];
  rmSync(dir, { recursive: true, force: true });
});

async function opened(checkpointOnCommit = true): Promise<Opened> {
  const d = await openDatabase(`file:${file}`, undefined, { readsInThread: false, checkpointOnCommit });
  open.push(d);
  return d;
}

/** How many frames the log holds, and how many of them are in the database file already. */
function logState() {
  const shm = readFileSync(`${file}-shm`);
  return { frames: shm.readUInt32LE(16), copied: shm.readUInt32LE(96) };
}

/** A publish whose own checkpoint a reader holds back: 2,000 pages left in the log for someone. */
async function publishWhileSomeoneReads() {
  const publisher = await opened();
  const reader = new Database(file);
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM drawings').get();
  await publisher.client.execute(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
    INSERT INTO drawings (data) SELECT randomblob(4000) FROM n`);
  reader.exec('COMMIT');
  reader.close();
  const state = logState();
  expect(state.frames).toBeGreaterThan(2000);
  expect(state.copied).toBeLessThan(state.frames);
}

test('by default, the next small commit copies what a publish left in the log', async () => {
  const serving = await opened(true);
  await publishWhileSomeoneReads();
  await serving.client.execute({ sql: 'INSERT INTO visits (who) VALUES (?)', args: ['globex'] });
  const { frames, copied } = logState();
  expect(copied).toBe(frames);
});

test('a serving process\'s writes of every kind leave the log to the background process', async () => {
  const serving = await opened(false);
  await publishWhileSomeoneReads();
  const before = logState();

  const one = await serving.client.execute({ sql: 'INSERT INTO visits (who) VALUES (?)', args: ['globex'] });
  expect(one.rowsAffected).toBe(1);
  expect(Number(one.lastInsertRowid)).toBe(1);
  const both = await serving.client.batch([
    { sql: 'INSERT INTO visits (who) VALUES (?)', args: ['initech'] },
    'SELECT count(*) AS n FROM visits',
  ], 'write');
  expect(both).toHaveLength(2);
  expect(both[1]!.rows[0]!.n).toBe(2);
  const tx = await serving.client.transaction('write');
  await tx.execute({ sql: 'INSERT INTO visits (who) VALUES (?)', args: ['umbrella'] });
  await tx.commit();
  await serving.db.run(sql`DELETE FROM visits WHERE who = ${'umbrella'}`);

  const after = logState();
  expect(after.frames).toBeGreaterThan(before.frames); // the commits went to the log…
  expect(after.copied).toBe(before.copied); // …and none of them copied it back

  // Errors are those of a lone statement and of a batch of the caller's own statements.
  const duplicate = await serving.client.execute({ sql: 'INSERT INTO visits (who) VALUES (?)', args: ['globex'] }).catch((e: unknown) => e);
  expect(duplicate).toBeInstanceOf(LibsqlError);
  expect(duplicate).not.toBeInstanceOf(LibsqlBatchError);
  expect((duplicate as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
  const inBatch = await serving.client.batch(['SELECT 1', { sql: 'INSERT INTO visits (who) VALUES (?)', args: ['initech'] }], 'write').catch((e: unknown) => e);
  expect(inBatch).toBeInstanceOf(LibsqlBatchError);
  expect((inBatch as LibsqlBatchError).statementIndex).toBe(1);

  // The background process's checkpoints copy it all.
  const background = await opened(true);
  const stop = checkpointEvery(background.client, 20, (e) => { throw e; });
  try {
    await expect.poll(() => { const s = logState(); return s.copied === s.frames; }, { timeout: 5000 }).toBe(true);
  } finally {
    stop();
  }
  expect((await serving.client.execute('SELECT count(*) AS n FROM visits')).rows[0]!.n).toBe(2);
});

test('pragmas and statements that must run outside a transaction still do', async () => {
  const serving = await opened(false);
  const mode = await serving.client.execute('PRAGMA journal_mode = WAL');
  expect(mode.rows[0]![0]).toBe('wal');
  await serving.client.execute('VACUUM'); // refused inside a transaction
  // executeMultiple runs its statements as given.
  await serving.client.executeMultiple('INSERT INTO visits (who) VALUES (\'a\'); INSERT INTO visits (who) VALUES (\'b\');');
  expect((await serving.client.execute('SELECT count(*) AS n FROM visits')).rows[0]!.n).toBe(2);
});
