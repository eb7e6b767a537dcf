// The live items both customers may see some of (the 100,000-item bench catalog and the
// demo's indoor lighting), read once before the server starts: the leak oracle's price data.
import { eq, inArray } from 'drizzle-orm';
import { openDatabase } from '#db/client.ts';
import { catalogs, items } from '#db/schema/index.ts';
import { CATALOG_SLUG } from '../catalog-fixture.ts';
import type { SharedItem } from './leak-oracle.ts';

const INDOOR_SLUG = 'indoor-lighting-2027';

export async function readSharedItems(databaseUrl: string): Promise<SharedItem[]> {
  const database = await openDatabase(databaseUrl);
  try {
    const live = await database.db.select({ slug: catalogs.slug, revisionId: catalogs.liveRevisionId }).from(catalogs).where(inArray(catalogs.slug, [CATALOG_SLUG, INDOOR_SLUG]));
    const shared: SharedItem[] = [];
    for (const c of live) {
      const rows = await database.db.select({ sku: items.sku, categoryPath: items.categoryPath, priceMinor: items.priceMinor, tiers: items.tiers })
        .from(items).where(eq(items.revisionId, c.revisionId!));
      for (const r of rows) {
        shared.push({ sku: r.sku, catalog: c.slug === CATALOG_SLUG ? 'bench' : 'indoor', categoryPath: r.categoryPath, priceMinor: r.priceMinor, tierPrices: r.tiers.map((t) => t.priceMinor) });
      }
    }
    if (shared.length < 100_000) throw new Error(`expected at least 100,000 shared items, found ${shared.length}`);
    return shared;
  } finally {
    database.client.close();
  }
}
