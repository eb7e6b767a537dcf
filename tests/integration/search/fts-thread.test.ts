import { afterEach, beforeEach, expect, test } from 'vitest';
import { startFtsThread, type FtsThread } from '#features/search/fts-thread.server.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// The full-text statements run in a thread with its own connection to the database file
// (fts-thread.server.ts): it must answer what the serving connection would, see every commit
// made before the statement was sent, say what went wrong, and leave this thread's loop free.

let t: TempDatabase;
let thread: FtsThread;
beforeEach(async () => {
  t = await openTempDatabase();
  await t.database.client.execute('CREATE VIRTUAL TABLE words USING fts5(text)');
  thread = startFtsThread(t.database.url);
});
afterEach(async () => { await thread.close(); t.close(); });

const matches = async (word: string) => (await thread.all<{ id: number }>({ sql: 'SELECT rowid AS id FROM words WHERE words MATCH ? ORDER BY rowid', args: [word] })).map((r) => Number(r.id));

test('answers rows by column name, and sees a commit made just before the statement', async () => {
  expect(await matches('zinc')).toEqual([]);
  await t.database.client.execute({ sql: 'INSERT INTO words (rowid, text) VALUES (?, ?), (?, ?)', args: [7, 'zinc bolt', 9, 'steel nut'] });
  expect(await matches('zinc')).toEqual([7]);
  await t.database.client.execute({ sql: 'INSERT INTO words (rowid, text) VALUES (?, ?)', args: [11, 'zinc washer'] });
  expect(await matches('zinc')).toEqual([7, 11]);
  const [row] = await thread.all<{ n: number; s: string }>({ sql: "SELECT count(*) AS n, group_concat(rowid, ',') AS s FROM words", args: [] });
  expect(row).toEqual({ n: 3, s: '7,9,11' });
});

test('a statement it cannot run is refused with SQLite\'s reason; the next one runs', async () => {
  await expect(thread.all({ sql: 'SELECT rowid FROM words WHERE words MATCH ?', args: ['"unclosed'] })).rejects.toThrow(/^full-text search: .*unterminated string/);
  await expect(thread.all({ sql: 'SELECT * FROM no_such_table', args: [] })).rejects.toThrow(/no such table: no_such_table/);
  expect(await matches('anything')).toEqual([]);
});

test('it only reads: a write sent to it is refused', async () => {
  await expect(thread.all({ sql: 'INSERT INTO words (text) VALUES (?)', args: ['x'] })).rejects.toThrow(/readonly|read-only|query_only/i);
  expect((await t.database.client.execute('SELECT count(*) AS n FROM words')).rows[0]!.n).toBe(0);
});

test('while a long statement runs, this thread\'s event loop goes on', async () => {
  // A recursive count that keeps SQLite busy for a while. Run on this thread (the local driver
  // answers synchronously) no timer could fire until it is done; in the thread, they go on.
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 1);
  try {
    await thread.all({ sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c', args: [] });
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThan(10);
});

test('after close, statements are refused; a new thread serves again', async () => {
  await thread.close();
  await expect(matches('zinc')).resolves.toEqual([]); // closing ends the thread; the next statement starts one
  const refused = expect(matches('zinc')).rejects.toThrow(/closed/);
  await thread.close();
  await refused;
});
