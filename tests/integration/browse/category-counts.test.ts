import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDemoCatalogs, type World } from './world.ts';
import { visibleCategoryCounts } from '#features/visibility/category-counts.server.ts';
import { whereFor } from '#features/visibility/visible-items.server.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { customerViews } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';

/** The slow, obviously right way: count the visible items themselves. */
async function countedOneByOne(w: World, ctx: BrowseContext, catalogId: number) {
  return w.db.all<{ path: string; count: number }>(sql`SELECT i.category_path AS path, count(*) AS count FROM items i WHERE ${whereFor(ctx, { catalogId })} GROUP BY i.category_path ORDER BY i.category_path`);
}

describe('category counts from the revision\'s counts and the view rules', () => {
  let w: World;
  beforeAll(async () => { w = await openDemoCatalogs(); }, 120_000);
  afterAll(() => w.close());

  test('equal the visible items counted one by one, with category and SKU rules in several views', async () => {
    const initech = await w.orgId('initech');
    const indoor = await w.catalog('indoor-lighting-2027');
    const rows = await w.liveRows('indoor-lighting-2027');
    const tube = rows.find((r) => r.category.startsWith('Lamps > LED tubes'))!;
    const panel = rows.find((r) => r.category === 'Indoor > Panels > Recessed')!;
    // A second view for Initech on the same catalog: only Lamps, one tube hidden by SKU, one panel shown by SKU.
    const now = new Date().toISOString();
    const [view] = await w.db.insert(customerViews).values({
      customerOrgId: initech, name: 'Lamps only', updatedAt: now,
      draftRules: { catalogs: [{ catalogId: indoor.id, includeCategories: ['Lamps'], excludeSkus: [tube.sku], includeSkus: [panel.sku] }] },
    }).returning();
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    // And Globex: a SKU shown inside its excluded LED tubes.
    const [globexView] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('globex-manufacturing')}`);
    const rules = globexView!.draftRules;
    rules.catalogs.find((c) => c.catalogId === indoor.id)!.includeSkus = [tube.sku];
    await w.db.update(customerViews).set({ draftRules: rules }).where(sql`id = ${globexView!.id}`);
    await publishView(w.db, globexView!.id, { id: null, email: null }, new Date());

    for (const email of ['buyer@globex.test', 'buyer@initech.test']) {
      const ctx = (await w.browse(email)).context();
      for (const catalogId of ctx.catalogs.keys()) {
        const fast = (await visibleCategoryCounts(w.db, ctx, catalogId)).sort((a, b) => (a.path < b.path ? -1 : 1));
        expect(fast, `${email} catalog ${catalogId}`).toEqual(await countedOneByOne(w, ctx, catalogId));
      }
    }
    const globex = (await w.browse('buyer@globex.test')).context();
    expect((await visibleCategoryCounts(w.db, globex, indoor.id)).find((c) => c.path === tube.category)?.count).toBe(1);
  });
});
