import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { organizations, users } from '#db/schema/index.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { toSessionUser } from '#features/auth/session-user.ts';
import { openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { findVisibleItems } from '#features/visibility/find-visible-items.server.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { hasAdministrator } from '#features/setup/first-administrator.server.ts';
import { runHousekeeping } from '#features/housekeeping/housekeeping.server.ts';
import { listRecentMails } from '#features/mail/mail-outbox.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

/** The release this work starts from: its migrations and its demo seed make the "old" database. */
const PREVIOUS = '4c6f70d';
const TABLES = ['organizations', 'users', 'catalogs', 'revisions', 'items', 'media', 'customer_views', 'view_versions', 'audit_events', 'search_outbox', 'requisition_lists'];

// An operator upgrading: a database made and filled by the previous release's code, then opened by this code.
describe(`upgrading a database made by ${PREVIOUS}`, () => {
  let dir: string;
  let database: Database;
  const before = new Map<string, number>();
  const count = async (table: string) => Number((await database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vitrine-upgrade-'));
    // The previous release's code (git archive: no worktree left behind), run on this node_modules.
    const old = join(dir, 'old');
    mkdirSync(old);
    const archive = execFileSync('git', ['archive', PREVIOUS, 'db', 'scripts', 'src', 'content', 'package.json'], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', old], { input: archive });
    symlinkSync(resolve('node_modules'), join(old, 'node_modules'));
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'vitrine.db')}`, MEDIA_DIR: join(dir, 'media') };
    const seeded = spawnSync(process.execPath, ['scripts/seed.ts'], { cwd: old, env, encoding: 'utf8' });
    expect(seeded.status, seeded.stderr).toBe(0);
    database = await openDatabase(env.DATABASE_URL);
    const applied = await database.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    expect(Number(applied.rows[0]!.n)).toBe(4); // 0000–0003: the previous release's
    for (const table of TABLES) before.set(table, await count(table));
    await database.client.execute("INSERT INTO requisition_lists (user_id, name, created_at) SELECT id, 'Before the upgrade', '2026-11-01T00:00:00Z' FROM users WHERE email = 'buyer@globex.test'");
    before.set('requisition_lists', await count('requisition_lists'));
    await runMigrations(database); // what npm start does first
  }, 240_000);
  afterAll(() => {
    database?.client.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the migrations apply and every row is still there', async () => {
    const applied = await database.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    expect(Number(applied.rows[0]!.n)).toBeGreaterThan(4);
    for (const table of TABLES) expect(await count(table), table).toBe(before.get(table));
    expect(before.get('items')).toBeGreaterThan(1000);
    expect(await hasAdministrator(database.db)).toBe(true);
    expect((await operatorBrand(database.db, 0)).contactEmail).toBeNull(); // no settings yet: an admin names the operator
    const [buyer] = await database.db.select({ digest: users.digestOptIn }).from(users).where(eq(users.email, 'buyer@globex.test'));
    expect(buyer!.digest).toBe(false);
  });

  test('people sign in with their old passwords, buyers see their catalogs at their prices, jobs run', async () => {
    const signedIn = await signIn(database.db, { email: 'buyer@globex.test', password: DEMO_PASSWORD, ip: null }, Date.now());
    expect(signedIn.ok).toBe(true);
    const [row] = await database.db.select({ u: users, o: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.email, 'buyer@globex.test'));
    const request = (await openBrowseRequest(database.db, toSessionUser(row!.u, row!.o), undefined, new Date()))!;
    expect(request.live.size).toBeGreaterThan(0);
    const catalog = [...request.live.values()][0]!;
    const page = await findVisibleItems(database.db, request.context(), { catalogId: catalog.id });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items[0]!.listPriceMinor).toBeTypeOf('number');
    const lists = await database.db.all<{ name: string }>(sql`SELECT name FROM requisition_lists`);
    expect(lists.map((l) => l.name)).toContain('Before the upgrade');
    await runHousekeeping(database.db);
    expect(await listRecentMails(database.db)).toEqual([]);
    for (const table of ['catalogs', 'items', 'customer_views']) expect(await count(table), table).toBe(before.get(table));
  });
});
