// Shared by bench/view-pricing.ts and bench/view-publish.ts: catalogs of generated items written
// straight into a temporary libSQL file, and a customer view of 200 rules over them.
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, customerViews, items, revisions, type ViewRules } from '#db/schema/index.ts';
import { createOrganization } from '#features/accounts/create-organization.server.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';

export const CATEGORIES = 40;

/** Category of the k-th item: 40 top-level categories, 2 sub-levels, a quarter elsewhere. */
export const categoryOf = (k: number) => (k % 4 === 0 ? 'Elsewhere > Misc' : `Cat ${k % CATEGORIES} > Sub ${k % 2} > Leaf`);

/** A supplier catalog whose live revision holds `count` items (SKU prefix per catalog). */
export async function generateCatalog(db: Db, supplierOrgId: number, name: string, count: number, prefix: string): Promise<number> {
  const catalog = await createCatalog(db, { supplierOrgId, name, currency: 'EUR' });
  const [revision] = await db.insert(revisions).values({ catalogId: catalog.id, state: 'published', fileName: 'generated.csv', format: 'csv', createdAt: new Date().toISOString(), publishedAt: new Date().toISOString(), itemCount: count }).returning();
  const CHUNK = 1_000;
  for (let at = 0; at < count; at += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, count - at) }, (_, n) => {
      const k = at + n;
      return {
        revisionId: revision!.id, rowNumber: k + 2, sku: `${prefix}-${k}`, name: `Generated item ${k}`, categoryPath: categoryOf(k),
        priceMinor: 10_000 + 37 * (k % 500), tiers: [{ minQty: 10, priceMinor: 9_000 + 37 * (k % 500) }, { minQty: 100, priceMinor: 8_000 + 37 * (k % 500) }],
      };
    });
    await db.insert(items).values(rows);
  }
  await db.update(catalogs).set({ liveRevisionId: revision!.id }).where(eq(catalogs.id, catalog.id));
  return catalog.id;
}

/**
 * 200 rules in the first catalog (as bench/pricing-page.ts): catalog rule, 120 category rules
 * over three levels, 75 fixed prices (some with quantity breaks), 4 visibility rules; the other
 * catalogs get a catalog percentage each.
 */
export function rulesOf200(catalogIds: readonly number[], prefix: string): ViewRules {
  const [first, ...others] = catalogIds;
  const main: ViewRules['catalogs'][number] = {
    catalogId: first!, percentOff: 5, categoryPercentOff: [], fixedPrices: [],
    excludeSkus: [`${prefix}-49`], excludeCategories: ['Cat 39 > Hidden', 'Cat 38 > Hidden'], includeSkus: [`${prefix}-1`],
  };
  for (let c = 0; c < CATEGORIES; c++) {
    main.categoryPercentOff!.push(
      { categoryPath: `Cat ${c}`, percentOff: 10 + (c % 20) },
      { categoryPath: `Cat ${c} > Sub ${c % 2}`, percentOff: 12.5 },
      { categoryPath: `Cat ${c} > Sub ${c % 2} > Leaf`, percentOff: 33.33 },
    );
  }
  for (let n = 0; n < 75; n++) {
    main.fixedPrices!.push({ sku: `${prefix}-${n * 7}`, priceMinor: 900 + n, ...(n % 3 === 0 ? { tiers: [{ minQty: 10, priceMinor: 800 }, { minQty: 50, priceMinor: 700 }] } : {}) });
  }
  return { catalogs: [main, ...others.map((catalogId) => ({ catalogId, percentOff: 7 }))] };
}

export async function generateWorld(db: Db, catalogSizes: readonly number[]): Promise<{ customerOrgId: number; viewId: number; catalogIds: number[] }> {
  const supplier = await createOrganization(db, { name: 'Bench Supplier', kind: 'supplier' });
  const customer = await createOrganization(db, { name: 'Bench Customer', kind: 'customer' });
  const catalogIds: number[] = [];
  for (const [n, size] of catalogSizes.entries()) catalogIds.push(await generateCatalog(db, supplier.id, `Bench catalog ${n + 1}`, size, `B${n + 1}`));
  const [view] = await db.insert(customerViews).values({ customerOrgId: customer.id, name: 'Bench view', draftRules: rulesOf200(catalogIds, 'B1'), updatedAt: new Date().toISOString() }).returning();
  return { customerOrgId: customer.id, viewId: view!.id, catalogIds };
}
