// A 100,000-item catalog for the catalog page bench, written straight into a real libSQL file
// (the import pipeline is benchmarked elsewhere): 20 top-level categories × 10 leaves of 500
// items, supplier tiers on every third item, a few real images with their WebP variants, and
// a published view giving the demo buyer Globex 10% off with category rules and fixed prices.
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { Database } from '#db/client.ts';
import { catalogs, customerViews, items, revisions } from '#db/schema/index.ts';
import { seedAccounts } from '#seed/seed-accounts.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { storeImage } from '#features/media/store-image.server.ts';
import { itemKeys } from '#features/ingest/revisions/item-keys.ts';
import { publishView } from '#features/views/publish-view.server.ts';

export const ITEMS = 100_000;
export const TOP = 20;
export const LEAVES = 10;
export const PER_LEAF = ITEMS / (TOP * LEAVES);
export const CATALOG_SLUG = 'bench-hardware-100k';

export const leafPath = (top: number, leaf: number) => `Range ${String(top).padStart(2, '0')} > Family ${String(leaf).padStart(2, '0')}`;
export const leafUrl = (top: number, leaf: number) => `/catalogs/${CATALOG_SLUG}/range-${String(top).padStart(2, '0')}/family-${String(leaf).padStart(2, '0')}`;

export async function buildBenchCatalog(database: Database, mediaDir: string): Promise<void> {
  const db = database.db;
  const orgs = await seedAccounts(db);
  const catalog = await createCatalog(db, { supplierOrgId: orgs.get('acme-fasteners')!, name: 'Bench hardware 100k', currency: 'EUR' });
  const images: string[] = [];
  for (const [r, g, b] of [[200, 80, 40], [40, 120, 200], [90, 160, 60], [120, 120, 120]] as const) {
    const png = await sharp({ create: { width: 800, height: 800, channels: 3, background: { r, g, b } } }).png().toBuffer();
    images.push((await storeImage(db, mediaDir, png)).hash);
  }
  const now = new Date();
  const [revision] = await db.insert(revisions).values({ catalogId: catalog.id, state: 'ready', fileName: 'bench.csv', format: 'csv', createdAt: now.toISOString(), processedAt: now.toISOString(), itemCount: ITEMS }).returning({ id: revisions.id });
  const rows: Array<typeof items.$inferInsert> = [];
  let n = 0;
  for (let top = 0; top < TOP; top++) {
    for (let leaf = 0; leaf < LEAVES; leaf++) {
      for (let k = 0; k < PER_LEAF; k++, n++) {
        const price = 100 + ((n * 7919) % 250_000);
        const sku = `BH-${String(n).padStart(6, '0')}`;
        const name = `Hardware part ${(n * 31) % 9973} size ${k % 40} finish ${['zinc', 'brass', 'black', 'steel'][n % 4]}`;
        rows.push({
          // With the lookup and sort keys an import writes, so the server does not fill them while it is measured.
          ...itemKeys({ sku, name, gtin: null, mpn: `MPN-${n}` }),
          revisionId: revision!.id, rowNumber: n + 2, sku, name,
          description: 'A part of the bench catalog, with a description of ordinary length for a product line.',
          categoryPath: leafPath(top, leaf), unit: n % 5 === 0 ? 'Pack' : 'Piece', priceMinor: price,
          tiers: n % 3 === 0 ? [{ minQty: 10, priceMinor: Math.round(price * 0.95) }, { minQty: 50, priceMinor: Math.round(price * 0.9) }] : [],
          gtin: null, manufacturer: 'Bench Works', mpn: `MPN-${n}`, attributes: { Material: 'Steel', Finish: 'Zinc', Size: String(k % 40) },
          images: [images[n % images.length]!],
        });
      }
    }
  }
  await db.transaction(async (tx) => {
    for (let at = 0; at < rows.length; at += 500) await tx.insert(items).values(rows.slice(at, at + 500));
  });
  await makeRevisionLive(db, revision!.id, { id: null, email: null }, now);
  const globex = orgs.get('globex-manufacturing')!;
  const fixed = Array.from({ length: 50 }, (_, i) => ({ sku: `BH-${String(i * 1999).padStart(6, '0')}`, priceMinor: 999 }));
  const categoryRules = Array.from({ length: TOP }, (_, top) => ({ categoryPath: `Range ${String(top).padStart(2, '0')}`, percentOff: 5 + (top % 10) }));
  const [view] = await db.insert(customerViews).values({
    customerOrgId: globex, name: 'Bench view', updatedAt: now.toISOString(),
    draftRules: { catalogs: [{ catalogId: catalog.id, percentOff: 10, categoryPercentOff: categoryRules, fixedPrices: fixed, excludeCategories: [leafPath(TOP - 1, LEAVES - 1)] }] },
  }).returning({ id: customerViews.id });
  await publishView(db, view!.id, { id: null, email: null }, now);
  const [{ n: count }] = (await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items i JOIN ${catalogs} c ON c.live_revision_id = i.revision_id WHERE c.id = ${catalog.id}`)) as [{ n: number }];
  if (count !== ITEMS) throw new Error(`bench catalog has ${count} live items, expected ${ITEMS}`);
}
