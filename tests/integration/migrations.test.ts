import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { runMigrations } from '#db/migrate.ts';

describe('migrations', () => {
  let t: TempDatabase;
  beforeAll(async () => { t = await openTempDatabase(); });
  afterAll(() => t.close());

  test('create every table of the domain on an empty database', async () => {
    const rs = await t.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const names = rs.rows.map((r) => String(r.name));
    for (const table of ['organizations', 'users', 'sessions', 'account_links', 'api_tokens', 'catalogs', 'revisions', 'items', 'revision_problems', 'media', 'customer_views', 'view_versions', 'audit_events', 'search_outbox']) {
      expect(names).toContain(table);
    }
  });

  test('apply again without error or change', async () => {
    const before = await t.database.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    await runMigrations(t.database);
    const after = await t.database.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  test('leave the file in WAL mode with foreign keys enforced', async () => {
    expect((await t.database.client.execute('PRAGMA journal_mode')).rows[0]!.journal_mode).toBe('wal');
    await expect(t.database.client.execute("INSERT INTO users (org_id, email, name, role, created_at) VALUES (999, 'x@y.z', 'X', 'buyer', '2026-01-01')")).rejects.toThrow(/FOREIGN KEY/);
  });
});
