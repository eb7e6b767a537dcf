import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, users } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { createRevision } from '#features/ingest/revisions/create-revision.server.ts';
import { processRevision } from '#features/ingest/pipeline/process-revision.server.ts';
import { directoryImageLookup } from '#features/ingest/images/directory-image-lookup.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { slugify } from '#kernel/slugify.ts';
import { DEMO_CATALOGS, DEMO_IMAGE_DIR } from './demo-catalogs.ts';
import { basename } from 'node:path';

/**
 * Each demo catalog goes through the supplier's own path: upload → ready → publish, by the
 * supplier's demo account. Catalogs that already have a live revision are left alone.
 */
export async function seedCatalogs(db: Db, mediaDir: string, orgIds: Map<string, number>, log: (s: string) => void): Promise<void> {
  const images = directoryImageLookup(DEMO_IMAGE_DIR);
  for (const c of DEMO_CATALOGS) {
    const orgId = orgIds.get(c.supplier)!;
    let [catalog] = await db.select().from(catalogs).where(eq(catalogs.slug, slugify(c.name))).limit(1);
    catalog ??= await createCatalog(db, { supplierOrgId: orgId, name: c.name, currency: c.currency });
    if (catalog.liveRevisionId) continue;
    const [supplier] = await db.select().from(users).where(eq(users.orgId, orgId)).limit(1);
    const started = Date.now();
    const rev = await createRevision(db, { catalogId: catalog.id, fileName: basename(c.file), uploadedBy: supplier?.id ?? null }, new Date());
    const outcome = await processRevision({ db, mediaDir }, rev.id, { path: c.file, originalName: basename(c.file), imageLookup: images });
    if (outcome.state !== 'ready') throw new Error(`demo catalog ${c.name} did not load: ${outcome.state === 'failed' ? outcome.reason : outcome.state}`);
    if (outcome.errorCount > 0) throw new Error(`demo catalog ${c.name} has ${outcome.errorCount} errors`);
    await makeRevisionLive(db, rev.id, { id: supplier?.id ?? null, email: supplier?.email ?? null }, new Date());
    log(`Loaded ${c.name}: ${outcome.itemCount} items, ${outcome.warningCount} warnings, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}
