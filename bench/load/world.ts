// The data of the load bench, in a temporary libSQL file: the demo (accounts, the three demo
// catalogs through the upload pipeline, Globex's and Initech's views), enlarged by the
// 100,000-item bench catalog (bench/catalog-fixture.ts, which also gives Globex a view of it),
// plus an Initech view of that catalog that differs on purpose so a leak is visible by content:
// Initech does not see Range 00–04 and gets 33% off; Globex does not see Range 19 > Family 09
// and gets 5–14% by range. The supplier's API token and the price list it uploads mid-run.
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { openDatabase } from '#db/client.ts';
import { runMigrations } from '#db/migrate.ts';
import { catalogs, customerViews, organizations, users } from '#db/schema/index.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';
import { createApiToken } from '#features/auth/api-tokens.server.ts';
import { toSessionUser } from '#features/auth/session-user.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { buildBenchCatalog, CATALOG_SLUG, LEAVES, leafPath, TOP } from '../catalog-fixture.ts';
import { baseRows, writeCsv } from '../import-data.ts';

/** Ranges of the bench catalog only Globex sees. */
export const GLOBEX_ONLY_RANGES = [0, 1, 2, 3, 4];
/** The leaf only Initech sees (Globex's bench view excludes it). */
export const INITECH_ONLY_LEAF = { top: TOP - 1, leaf: LEAVES - 1 };
export const INITECH_PERCENT_OFF = 33;
export const FASTENERS_SLUG = 'fasteners-2027';
export const SUPPLIER_EMAIL = 'supplier@acme.test';

/** More buyers per customer than the demo's one, each with their own session (and visits, written as they browse). */
export const BUYERS_PER_CUSTOMER = 6;

export interface LoadWorld {
  /** Sign-in emails of each customer's buyers (the demo buyer first). */
  buyers: { globex: string[]; initech: string[] };
  databaseUrl: string;
  mediaDir: string;
  /** Bearer token of Acme's supplier, for the upload through the API. */
  token: string;
  fastenersCatalogId: number;
  /** The large price list Acme uploads to "Fasteners 2027" during the run (Globex sees it, Initech must not). */
  uploadFile: string;
  uploadRows: number;
}

const rangeName = (top: number) => `Range ${String(top).padStart(2, '0')}`;

export async function buildLoadWorld(dir: string, uploadRows: number, log: (line: string) => void): Promise<LoadWorld> {
  const databaseUrl = `file:${join(dir, 'load.db')}`;
  const mediaDir = join(dir, 'media');
  const database = await openDatabase(databaseUrl);
  try {
    await runMigrations(database);
    let started = performance.now();
    await seedDemo(database, { mediaDir });
    log(`setup: demo seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await buildBenchCatalog(database, mediaDir);
    log(`setup: 100,000-item catalog built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const db = database.db;
    const [bench] = await db.select().from(catalogs).where(eq(catalogs.slug, CATALOG_SLUG)).limit(1);
    const [fasteners] = await db.select().from(catalogs).where(eq(catalogs.slug, FASTENERS_SLUG)).limit(1);
    const [initech] = await db.select().from(organizations).where(eq(organizations.slug, 'initech')).limit(1);
    if (!bench || !fasteners || !initech) throw new Error('the seeded demo lacks the bench catalog, Fasteners 2027 or Initech');
    const now = new Date();
    const [view] = await db.insert(customerViews).values({
      customerOrgId: initech.id, name: 'Initech bench view', updatedAt: now.toISOString(),
      draftRules: { catalogs: [{ catalogId: bench.id, percentOff: INITECH_PERCENT_OFF, excludeCategories: GLOBEX_ONLY_RANGES.map(rangeName) }] },
    }).returning({ id: customerViews.id });
    await publishView(db, view!.id, { id: null, email: null }, now);
    if (leafPath(INITECH_ONLY_LEAF.top, INITECH_ONLY_LEAF.leaf) !== 'Range 19 > Family 09') throw new Error('the bench fixture changed its categories');

    const buyers = { globex: ['buyer@globex.test'], initech: ['buyer@initech.test'] };
    for (const [customer, slug] of [['globex', 'globex-manufacturing'], ['initech', 'initech']] as const) {
      const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
      for (let n = 2; n <= BUYERS_PER_CUSTOMER; n++) {
        const email = `buyer${n}@${customer}.test`;
        await createUserWithPassword(db, { orgId: org!.id, email, name: `Buyer ${n}`, role: 'buyer', password: DEMO_PASSWORD });
        buyers[customer].push(email);
      }
    }

    const [row] = await db.select({ u: users, o: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.email, SUPPLIER_EMAIL)).limit(1);
    if (!row) throw new Error(`${SUPPLIER_EMAIL} is missing from the demo`);
    const { token } = await createApiToken(db, toSessionUser(row.u, row.o), 'load bench', { ip: null, at: now });

    const uploadFile = join(dir, 'fasteners-upload.csv');
    await writeCsv(uploadFile, baseRows(uploadRows, 7));
    await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    return { buyers, databaseUrl, mediaDir, token, fastenersCatalogId: fasteners.id, uploadFile, uploadRows };
  } finally {
    database.client.close();
  }
}
