import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { gateWritesBy, watchWriteTransactions, writesInSteps } from '#db/write-queue.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// The server's processes share one database file, and SQLite's local driver waits for another
// process's lock synchronously. So the jobs process announces its write transactions
// (watchWriteTransactions) and serving processes hold their writes back meanwhile (gateWritesBy):
// reads go on, writes wait without blocking, and all of them land once the gate opens.

let temp: TempDatabase;
beforeAll(async () => {
  temp = await openTempDatabase();
  await temp.database.client.execute('CREATE TABLE gate_probe (n INTEGER)');
});
afterAll(() => { gateWritesBy(null); watchWriteTransactions(null); temp?.close(); });

test('writes wait while the gate is closed, reads do not, and the loop keeps running', async () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => { open = r; });
  gateWritesBy(() => opened);
  const client = temp.database.client;
  let written = false;
  const write = client.execute('INSERT INTO gate_probe VALUES (1)').then(() => { written = true; });
  const tx = client.transaction('write').then(async (t) => { await t.execute('INSERT INTO gate_probe VALUES (2)'); await t.commit(); });
  let ticks = 0;
  const ticker = setInterval(() => { ticks++; }, 10);
  await new Promise((r) => setTimeout(r, 200));
  expect((await client.execute('SELECT count(*) AS n FROM gate_probe')).rows[0]!.n).toBe(0); // reads answer meanwhile
  expect(written).toBe(false);
  expect(ticks).toBeGreaterThan(5);
  clearInterval(ticker);
  open();
  await Promise.all([write, tx]);
  gateWritesBy(null);
  expect((await client.execute('SELECT n FROM gate_probe ORDER BY n')).rows.map((r) => r.n)).toEqual([1, 2]);
});

test('write transactions are announced when they start and when they end', async () => {
  const events: string[] = [];
  watchWriteTransactions({ start: () => events.push('start'), end: () => events.push('end') });
  await temp.database.db.transaction(async (tx) => { await tx.run(sql`INSERT INTO gate_probe VALUES (3)`); events.push('inside'); });
  watchWriteTransactions(null);
  expect(events).toEqual(['start', 'inside', 'end']);
});

test('a series of short write transactions is announced as one long write, with a turn left for others every 200 ms', async () => {
  // The watcher counts as the jobs process's announcement does: only 0 → 1 and 1 → 0 are told.
  const told: Array<{ active: boolean; at: number }> = [];
  let open = 0;
  const started = performance.now();
  const at = () => Math.round(performance.now() - started);
  watchWriteTransactions({
    start: () => { if (open++ === 0) told.push({ active: true, at: at() }); },
    end: () => { if (--open === 0) told.push({ active: false, at: at() }); },
  });
  let transactions = 0;
  await writesInSteps(async (step) => {
    // 30 transactions about 15 ms apart: some 450 ms of writing.
    for (let i = 0; i < 30; i++) {
      await temp.database.db.transaction(async (tx) => { await tx.run(sql`INSERT INTO gate_probe VALUES (${100 + i})`); });
      transactions++;
      await new Promise((r) => setTimeout(r, 15));
      await step();
    }
  });
  watchWriteTransactions(null);
  expect(transactions).toBe(30);
  // Told as one write with turns in it, not 30 starts and ends: alternately, starting and ending told.
  expect(told.map((t) => t.active)).toEqual(told.map((_, i) => i % 2 === 0));
  expect(told.length).toBeGreaterThanOrEqual(4); // at least one turn
  // Each stretch of writing before a turn lasts 200 ms, and each turn 25 ms: time for a held write to go in.
  for (let i = 0; i + 2 < told.length; i += 2) expect(told[i + 1]!.at - told[i]!.at).toBeGreaterThanOrEqual(195);
  for (let i = 1; i + 1 < told.length; i += 2) expect(told[i + 1]!.at - told[i]!.at).toBeGreaterThanOrEqual(20);
});
