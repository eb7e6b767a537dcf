import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { DEMO_USERS, DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { resolveBuyerScope, scopeCatalogIds } from '#features/visibility/buyer-scope.server.ts';

describe('the demo seed', () => {
  let t: TempDatabase;
  const count = async (q: string) => Number((await t.database.client.execute(q)).rows[0]![0]);
  beforeAll(async () => {
    t = await openTempDatabase();
    await seedDemo(t.database, { mediaDir: t.mediaDir });
  }, 120_000);
  afterAll(() => t.close());

  test('creates the promised organizations and every demo account signs in with the demo password', async () => {
    expect(await count("SELECT count(*) FROM organizations WHERE kind = 'supplier'")).toBe(2);
    expect(await count("SELECT count(*) FROM organizations WHERE kind = 'customer'")).toBe(2);
    for (const u of DEMO_USERS) {
      const result = await signIn(t.database.db, { email: u.email, password: DEMO_PASSWORD, ip: '127.0.0.9' }, Date.now());
      expect(result.ok, u.email).toBe(true);
    }
  });

  test('publishes at least 3 catalogs with 2,000 items in a category tree 3 levels deep, tiers and images', async () => {
    expect(await count('SELECT count(*) FROM catalogs WHERE live_revision_id IS NOT NULL')).toBeGreaterThanOrEqual(3);
    const live = 'SELECT i.* FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id';
    expect(await count(`SELECT count(*) FROM (${live})`)).toBeGreaterThanOrEqual(2000);
    expect(await count(`SELECT count(*) FROM (${live}) WHERE category_path LIKE '% > % > %'`)).toBeGreaterThan(1000);
    expect(await count(`SELECT count(*) FROM (${live}) WHERE tiers != '[]'`)).toBeGreaterThan(100);
    const withImages = await count(`SELECT count(*) FROM (${live}) WHERE images != '[]'`);
    expect(withImages / (await count(`SELECT count(*) FROM (${live})`))).toBeGreaterThan(0.5);
    const [media] = await t.database.db.all<{ variants: string }>(sql`SELECT variants FROM media LIMIT 1`);
    expect(JSON.parse(media!.variants).length).toBeGreaterThan(1);
  });

  test('gives Globex and Initech published views over different catalogs', async () => {
    const orgs = await t.database.db.all<{ id: number; slug: string }>(sql`SELECT id, slug FROM organizations WHERE kind = 'customer'`);
    const scopes = await Promise.all(orgs.map((o) => resolveBuyerScope(t.database.db, o.id, new Date())));
    const ids = scopes.map((s) => scopeCatalogIds(s).sort().join(','));
    expect(ids[0]).not.toBe('');
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('is idempotent: a second run adds nothing', async () => {
    const before = await count('SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM users) + (SELECT count(*) FROM view_versions)');
    await seedDemo(t.database, { mediaDir: t.mediaDir });
    expect(await count('SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM users) + (SELECT count(*) FROM view_versions)')).toBe(before);
  });
});
