import { afterEach, beforeEach, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import Libsql from 'libsql';
import { hotReadsOf, type HotReads } from '#db/hot-reads.ts';
import { changeStamp } from '#features/page-cache/change-stamp.server.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// A hot read (the change stamp, asked on every request) keeps its value while nobody has
// committed since, known from the WAL index header (db/commit-watch.ts). Whoever reads must not
// be able to tell, whichever connection or process commits.

let t: TempDatabase;
let file: string;
let hot: HotReads;
let other: Client;
beforeEach(async () => {
  t = await openTempDatabase();
  file = join(t.dir, 'test.db');
  hot = hotReadsOf(t.database.db)!;
  other = createClient({ url: `file:${file}` });
});
afterEach(() => { other.close(); t.close(); });

test('without a commit the statement is not asked again; after any commit it is', async () => {
  // random() tells a kept value from a fresh one.
  const first = hot.value('SELECT random()');
  expect(hot.value('SELECT random()')).toBe(first);
  await other.execute('CREATE TABLE bump (x)');
  const second = hot.value('SELECT random()');
  expect(second).not.toBe(first);
  expect(hot.value('SELECT random()')).toBe(second);
  // A check that the database answers at all always asks it.
  expect(hot.ask('SELECT random()')).not.toBe(hot.ask('SELECT random()'));
});

test('the change stamp moves at once for a commit by another connection and by another process', async () => {
  const before = await changeStamp(t.database.db);
  expect(await changeStamp(t.database.db)).toBe(before);
  await other.execute('UPDATE change_stamps SET value = value + 1 WHERE id = 1');
  expect(await changeStamp(t.database.db)).toBe(before + 1);
  execFileSync(process.execPath, ['-e', `const D = require('libsql'); const db = new D(${JSON.stringify(file)}); db.prepare('UPDATE change_stamps SET value = value + 5 WHERE id = 1').run(); db.close();`]);
  expect(await changeStamp(t.database.db)).toBe(before + 6);
  // A transaction still open changes nothing a reader may see; its commit does.
  const writer = new Libsql(file);
  writer.exec('BEGIN IMMEDIATE');
  writer.exec('UPDATE change_stamps SET value = value + 1 WHERE id = 1');
  expect(await changeStamp(t.database.db)).toBe(before + 6);
  writer.exec('COMMIT');
  writer.close();
  expect(await changeStamp(t.database.db)).toBe(before + 7);
});

test('a checkpoint that restarts the WAL does not hide the next commit', async () => {
  const before = await changeStamp(t.database.db);
  await other.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  expect(await changeStamp(t.database.db)).toBe(before);
  await other.execute('UPDATE change_stamps SET value = value + 1 WHERE id = 1');
  expect(await changeStamp(t.database.db)).toBe(before + 1);
});
