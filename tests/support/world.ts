import { eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, revisions, users } from '#db/schema/index.ts';
import { seedAccounts } from '#seed/seed-accounts.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { toSessionUser, type SessionUser } from '#features/auth/session-user.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { processRevision, type ProcessOutcome } from '#features/ingest/pipeline/process-revision.server.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { openTempDatabase, type TempDatabase } from './temp-database.ts';

/**
 * What a test starts from: `empty` (migrated, nothing in it), `accounts` (the demo organizations
 * and people, password `vitrine-demo`) or `demo` (everything `npm run demo` seeds: accounts, the
 * suppliers' catalogs read through the upload pipeline, the customers' views).
 */
export type WorldSeed = 'empty' | 'accounts' | 'demo';

export interface World extends TempDatabase {
  db: Db;
  /** Organization ids by slug, as seeded (empty for an `empty` world). */
  orgIds: Map<string, number>;
  orgId(slug: string): Promise<number>;
  user(email: string): Promise<SessionUser>;
  catalog(slug: string): Promise<{ id: number; live: number; currency: string }>;
  /** Reads a file as a new revision of the catalog through the upload pipeline (not yet live). */
  readRevision(catalogId: number, path: string, fileName?: string, at?: Date): Promise<{ outcome: ProcessOutcome; revision: typeof revisions.$inferSelect }>;
  /** Makes a ready revision live, as a publish by the system does. */
  makeLive(revisionId: number, at?: Date): Promise<void>;
}

/** A real temporary libSQL file, migrated and seeded: the one place tests build their data from. */
export async function openWorld(seed: WorldSeed = 'empty'): Promise<World> {
  const temp = await openTempDatabase();
  const db = temp.database.db;
  if (seed === 'demo') await seedDemo(temp.database, { mediaDir: temp.mediaDir });
  const orgIds = seed === 'empty' ? new Map<string, number>() : await seedAccounts(db);
  return {
    ...temp, db, orgIds,
    async orgId(slug) {
      const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
      if (!row) throw new Error(`no organization ${slug}`);
      return row.id;
    },
    async user(email) {
      const [row] = await db.select({ u: users, o: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.email, email)).limit(1);
      if (!row) throw new Error(`no user ${email}`);
      return toSessionUser(row.u, row.o);
    },
    async catalog(slug) {
      const [row] = await db.all<{ id: number; live: number; currency: string }>(sql`SELECT id, live_revision_id AS live, currency FROM catalogs WHERE slug = ${slug}`);
      if (!row) throw new Error(`no catalog ${slug}`);
      return row;
    },
    async readRevision(catalogId, path, fileName = path.split('/').pop()!, at = new Date()) {
      const revision = await createRevision(db, { catalogId, fileName, uploadedBy: null }, at);
      const outcome = await processRevision({ db, mediaDir: temp.mediaDir, now: () => at }, revision.id, { path, originalName: fileName });
      return { outcome, revision: (await db.select().from(revisions).where(eq(revisions.id, revision.id)).limit(1))[0]! };
    },
    makeLive: (revisionId, at = new Date()) => makeRevisionLive(db, revisionId, { id: null, email: null }, at),
  };
}
