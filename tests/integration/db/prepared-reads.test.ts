import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { organizations, users } from '#db/schema/index.ts';
import { preparedReads } from '#db/prepared-reads.ts';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';

// Reads outside a transaction go through statements prepared once on a connection of their own
// (db/prepared-reads.ts). Whoever reads must not be able to tell: the same rows, the latest
// commit, the client's errors.
describe('reads through prepared statements', () => {
  let t: TempDatabase;
  let plain: Client;
  beforeEach(async () => {
    t = await openTempDatabase();
    plain = createClient({ url: `file:${join(t.dir, 'test.db')}` });
    await t.database.db.insert(organizations).values([
      { name: 'Acme', slug: 'acme', kind: 'supplier', createdAt: '2027-01-01T00:00:00.000Z' },
      { name: 'Globex', slug: 'globex', kind: 'customer', createdAt: '2027-01-02T00:00:00.000Z' },
    ]);
  });
  afterEach(() => { plain.close(); t.close(); });

  it('gives rows the plain client would: names, indexes, length, JSON, and what drizzle maps from them', async () => {
    const query = 'SELECT id, name, slug, kind, created_at FROM organizations ORDER BY id';
    const ours = await t.database.client.execute(query);
    const theirs = await plain.execute(query);
    expect(ours.columns).toEqual(theirs.columns);
    expect(ours.columnTypes).toEqual(theirs.columnTypes);
    expect(ours.rows.length).toBe(2);
    for (let r = 0; r < 2; r++) {
      const [a, b] = [ours.rows[r]!, theirs.rows[r]!];
      expect(Object.keys(a)).toEqual(Object.keys(b));
      expect({ ...a }).toEqual({ ...b });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.length).toBe(b.length);
      expect(Array.prototype.slice.call(a)).toEqual(Array.prototype.slice.call(b));
      expect(a[1]).toBe(r === 0 ? 'Acme' : 'Globex');
    }
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    const [globex] = await t.database.db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.slug, 'globex'));
    expect(globex).toEqual({ id: 2, name: 'Globex' });
  });

  it('sees a write as soon as it is committed, and not a transaction still open', async () => {
    await t.database.db.run(sql`UPDATE organizations SET name = 'Acme Corp' WHERE slug = 'acme'`);
    expect((await t.database.db.all<{ name: string }>(sql`SELECT name FROM organizations WHERE slug = 'acme'`))[0]!.name).toBe('Acme Corp');
    await t.database.db.transaction(async (tx) => {
      await tx.run(sql`UPDATE organizations SET name = 'Acme Uncommitted' WHERE slug = 'acme'`);
      expect((await tx.all<{ name: string }>(sql`SELECT name FROM organizations WHERE slug = 'acme'`))[0]!.name).toBe('Acme Uncommitted');
      expect((await t.database.db.all<{ name: string }>(sql`SELECT name FROM organizations WHERE slug = 'acme'`))[0]!.name).toBe('Acme Corp');
    });
    expect((await t.database.db.all<{ name: string }>(sql`SELECT name FROM organizations WHERE slug = 'acme'`))[0]!.name).toBe('Acme Uncommitted');
  });

  it('binds as the client does: booleans, dates, named arguments', async () => {
    const { rows } = await t.database.client.execute({ sql: 'SELECT :yes AS yes, :no AS no, :at AS at, :n AS n', args: { yes: true, no: false, at: new Date(1_800_000_000_000), ':n': 7 } });
    expect({ ...rows[0] }).toEqual({ yes: 1, no: 0, at: 1_800_000_000_000, n: 7 });
  });

  it('reads a blob as an ArrayBuffer and a repeated column name as the client does', async () => {
    const blob = (await t.database.client.execute("SELECT x'0102ff' AS b")).rows[0]!.b;
    expect(blob).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(blob as ArrayBuffer)]).toEqual([1, 2, 255]);
    const twice = 'SELECT 1 AS a, 2 AS a';
    const ours = (await t.database.client.execute(twice)).rows[0]!;
    const theirs = (await plain.execute(twice)).rows[0]!;
    expect([ours.a, ours[0], ours[1], Object.keys(ours)]).toEqual([theirs.a, theirs[0], theirs[1], Object.keys(theirs)]);
  });

  it('answers a join whose tables share column names itself, not through the client, with the client\'s rows', async () => {
    await t.database.db.insert(users).values({ email: 'b@globex.test', name: 'B', role: 'buyer', orgId: 2, passwordHash: 'x', createdAt: '2027-01-03T00:00:00.000Z' });
    const base = createClient({ url: `file:${join(t.dir, 'test.db')}` });
    let clientRuns = 0;
    const counted = new Proxy(base, { get: (target, key) => (key === 'execute' ? (...args: Parameters<Client['execute']>) => { clientRuns++; return target.execute(...args); } : Reflect.get(target, key, target)) });
    const reads = preparedReads(counted, join(t.dir, 'test.db'), { thread: false });
    try {
      // As a session check selects: both tables' ids and names, two columns each of one name.
      const join2 = 'SELECT u.id, u.name, u.email, o.id, o.name, o.slug FROM users u JOIN organizations o ON o.id = u.org_id';
      const ours = (await reads.client.execute(join2)).rows[0]!;
      const theirs = (await plain.execute(join2)).rows[0]!;
      expect(clientRuns).toBe(0);
      expect(Array.prototype.slice.call(ours)).toEqual([expect.any(Number), 'B', 'b@globex.test', 2, 'Globex', 'globex']);
      expect(Array.prototype.slice.call(ours)).toEqual(Array.prototype.slice.call(theirs));
      expect([ours.id, ours.name, ours.length, Object.keys(ours)]).toEqual([theirs.id, theirs.name, theirs.length, Object.keys(theirs)]);
      expect({ ...ours }).toEqual({ ...theirs });
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    } finally {
      reads.close();
      base.close();
    }
  });

  it('fails as the client fails, with its error and code', async () => {
    const error = await t.database.client.execute('SELECT x FROM nowhere').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe('SQLITE_ERROR');
    expect((error as Error).message).toMatch(/no such table: nowhere/);
  });
});
