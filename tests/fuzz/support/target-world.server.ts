import { eq } from 'drizzle-orm';
import { catalogs, items, organizations, revisions } from '#db/schema/index.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { openWorld, type World } from '#tests/support/world.ts';
import type { TargetWorld } from './targets.ts';

/** SKUs of the live revision: the seeds use them so price updates find (and miss) items. */
export const LIVE_SKUS = ['A-1', 'A-2', 'SCH-4711', 'DUE-0815', 'K-100', 'LED-7', 'PK-100'];

/**
 * A real migrated temp libSQL file with one EUR catalog whose live revision holds LIVE_SKUS,
 * so update files (CSV price updates, BMEcat T_UPDATE_*, CIF LOADMODE I) are read to the end.
 */
export async function openTargetWorld(): Promise<TargetWorld & { close(): void; temp: World }> {
  const temp = await openWorld('empty');
  const { db } = temp;
  const at = new Date('2027-01-01T00:00:00Z').toISOString();
  const [org] = await db.insert(organizations).values({ name: 'Fuzz Supplies', slug: 'fuzz-supplies', kind: 'supplier', createdAt: at }).returning();
  const catalog = await createCatalog(db, { supplierOrgId: org!.id, name: 'Fuzz catalog', currency: 'EUR' });
  const [live] = await db.insert(revisions).values({ catalogId: catalog.id, state: 'published', fileName: 'first.csv', format: 'csv', createdAt: at }).returning();
  await db.insert(items).values(LIVE_SKUS.map((sku, i) => ({
    revisionId: live!.id, rowNumber: i + 2, sku, name: `Item ${sku}`, priceMinor: 100 * (i + 1), unit: sku === 'PK-100' ? '100 pieces' : 'piece',
    tiers: i % 2 === 0 ? [{ minQty: 10, priceMinor: 90 * (i + 1) }] : [],
  })));
  await db.update(catalogs).set({ liveRevisionId: live!.id }).where(eq(catalogs.id, catalog.id));
  return { db, mediaDir: temp.mediaDir, catalogId: catalog.id, liveRevisionId: live!.id, temp, close: () => temp.close() };
}
