import { afterEach, beforeEach, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { ReadThread } from '#db/read-thread.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// Reads outside a transaction run in a thread with its own connection to the database file
// (db/read-thread.ts, through db/prepared-reads.ts): they must answer what the serving
// connection would, see every commit made before the statement was sent, fail as the client
// fails, and leave this thread's event loop free while SQLite works.

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
  await t.database.client.execute('CREATE TABLE parts (id INTEGER PRIMARY KEY, name TEXT, weight REAL, drawing BLOB)');
});
afterEach(() => t.close());

test('a read sees a commit made just before it, with rows as the client shapes them', async () => {
  const { db, client } = t.database;
  expect(await db.all(sql`SELECT id FROM parts`)).toEqual([]);
  await client.execute({ sql: 'INSERT INTO parts VALUES (?, ?, ?, ?)', args: [7, 'hex bolt', 0.25, new Uint8Array([1, 2, 3]).buffer] });
  const result = await client.execute('SELECT id, name, weight, drawing FROM parts');
  expect(result.columns).toEqual(['id', 'name', 'weight', 'drawing']);
  const [row] = result.rows;
  expect({ id: row!.id, name: row!.name, weight: row!.weight }).toEqual({ id: 7, name: 'hex bolt', weight: 0.25 });
  expect([row![0], row![1], row!.length]).toEqual([7, 'hex bolt', 4]); // by index too, as the client's rows
  expect(new Uint8Array(row!.drawing as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
  await client.execute({ sql: 'UPDATE parts SET name = ? WHERE id = ?', args: ['hex bolt M8', 7] });
  expect(await db.all(sql`SELECT name FROM parts`)).toEqual([{ name: 'hex bolt M8' }]);
});

test('a read it cannot run fails with the client\'s own error', async () => {
  await expect(t.database.client.execute('SELECT * FROM no_such_table')).rejects.toThrow(/no such table: no_such_table/);
  await expect(t.database.db.all(sql`SELECT count(*) AS n FROM parts`)).resolves.toEqual([{ n: 0 }]);
});

test('while a long read runs, this thread\'s event loop goes on', async () => {
  // A recursive count that keeps SQLite busy for a while. Run on this thread (the local driver
  // answers synchronously) no timer could fire until it is done; in the read thread, they go on.
  let ticks = 0;
  const timer = setInterval(() => { ticks++; }, 1);
  try {
    await t.database.client.execute('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c');
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThan(10);
});

test('a statement quick in the thread runs on the loop, until one run there is slow: then it goes back to the thread', async () => {
  const count = (n: number) => t.database.client.execute({ sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) AS n FROM c', args: [n] });
  const ticksDuring = async (work: () => Promise<unknown>) => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 1);
    try { await work(); } finally { clearInterval(timer); }
    return ticks;
  };
  expect((await count(3)).rows[0]!.n).toBe(3); // in the thread, quick: from now on here
  expect((await count(5)).rows[0]!.n).toBe(5);
  expect(await ticksDuring(() => count(3_000_000))).toBeLessThanOrEqual(1); // here, and slow: no timer fired meanwhile
  expect(await ticksDuring(() => count(3_000_000))).toBeGreaterThan(10); // back in the thread for good
  expect((await count(3)).rows[0]!.n).toBe(3); // the same statement, answered the same from the thread
});

test('the thread only reads, reports SQLite\'s reason, and closes after what it was sent', async () => {
  const thread = new ReadThread(t.dir + '/test.db');
  try {
    await expect(thread.run('INSERT INTO parts (name) VALUES (?) RETURNING id', ['x'])).rejects.toThrow(/readonly/i);
    await expect(thread.run('INSERT INTO parts (name) VALUES (?)', ['x'])).rejects.toThrow();
    expect((await t.database.client.execute('SELECT count(*) AS n FROM parts')).rows[0]!.n).toBe(0);
    await expect(thread.run('SELECT * FROM parts WHERE', [])).rejects.toThrow(/syntax error|incomplete input/);
    await expect(thread.run('SELECT count(*) AS n FROM parts', [])).resolves.toMatchObject({ names: ['n'], types: [''], rows: [[0]] });
    // Closing waits for what was sent before, and a statement sent after starts a new thread.
    const long = thread.run('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) AS n FROM c', []);
    await thread.close();
    await expect(long).resolves.toMatchObject({ rows: [[300000]] });
    await expect(thread.run('SELECT 1 AS one', [])).resolves.toMatchObject({ rows: [[1]] });
  } finally {
    await thread.close();
  }
});

test('a thread with nothing to do ends, and the next statement starts another', async () => {
  const thread = new ReadThread(t.dir + '/test.db', { idleMs: 50 });
  try {
    await expect(thread.run('SELECT 2 AS two', [])).resolves.toMatchObject({ rows: [[2]] });
    expect(thread.running).toBe(true);
    await expect.poll(() => thread.running, { timeout: 5_000 }).toBe(false);
    await expect(thread.run('SELECT 3 AS three', [])).resolves.toMatchObject({ rows: [[3]] });
    expect(thread.running).toBe(true);
  } finally {
    await thread.close();
  }
});
