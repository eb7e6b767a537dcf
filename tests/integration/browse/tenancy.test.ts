import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { seedDemo } from '#seed/seed-demo.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { listVisibleItems, getVisibleItem, visibleCategoryCounts, imageIsVisible } from '#features/visibility/visible-items.server.ts';
import { isVisible } from '#features/pricing/visibility.ts';

describe('buyer-facing queries answer through the buyer views', () => {
  let t: TempDatabase;
  const org = async (slug: string) => (await t.database.db.all<{ id: number }>(sql`SELECT id FROM organizations WHERE slug = ${slug}`))[0]!.id;
  const catalog = async (slug: string) => (await t.database.db.all<{ id: number; live: number }>(sql`SELECT id, live_revision_id AS live FROM catalogs WHERE slug = ${slug}`))[0]!;
  const context = async (orgSlug: string, at = new Date()) => openBrowseContext(t.database.db, await resolveBuyerScope(t.database.db, await org(orgSlug), at));

  beforeAll(async () => {
    t = await openTempDatabase();
    await seedDemo(t.database, { mediaDir: t.mediaDir });
  }, 120_000);
  afterAll(() => t.close());

  test('Globex and Initech see different prices for the same item of the same catalog', async () => {
    const indoor = await catalog('indoor-lighting-2027');
    const g = await listVisibleItems(t.database.db, await context('globex-manufacturing'), { catalogId: indoor.id, sort: 'sku', pageSize: 5 });
    const i = await listVisibleItems(t.database.db, await context('initech'), { catalogId: indoor.id, sort: 'sku', pageSize: 5 });
    const item = g.items[0]!;
    const same = i.items.find((x) => x.sku === item.sku)!;
    expect(same).toBeDefined();
    expect(item.listPriceMinor).toBe(same.listPriceMinor);
    expect(item.price.netMinor).toBe(Math.round(item.listPriceMinor * 0.95));
    expect(same.price.netMinor).toBe(Math.round(same.listPriceMinor * 0.92));
  });

  test('a catalog outside the view and an excluded category are absent from lists, product lookups, categories and images', async () => {
    const initech = await context('initech');
    const fasteners = await catalog('fasteners-2027');
    const anyFastener = (await t.database.db.all<{ sku: string; images: string }>(sql`SELECT sku, images FROM items WHERE revision_id = ${fasteners.live} AND images != '[]' LIMIT 1`))[0]!;
    expect((await listVisibleItems(t.database.db, initech, { catalogId: fasteners.id })).total).toBe(0);
    expect(await getVisibleItem(t.database.db, initech, 'fasteners-2027', anyFastener.sku)).toBeNull();
    const globex = await context('globex-manufacturing');
    expect(await getVisibleItem(t.database.db, globex, 'fasteners-2027', anyFastener.sku)).not.toBeNull();
    const hash = (JSON.parse(anyFastener.images) as string[])[0]!;
    expect(await imageIsVisible(t.database.db, globex, hash)).toBe(true);
    expect(await imageIsVisible(t.database.db, initech, hash)).toBe(false);

    const indoor = await catalog('indoor-lighting-2027');
    const tube = (await t.database.db.all<{ sku: string }>(sql`SELECT sku FROM items WHERE revision_id = ${indoor.live} AND category_path LIKE 'Lamps > LED tubes%' LIMIT 1`))[0]!;
    expect(await getVisibleItem(t.database.db, globex, 'indoor-lighting-2027', tube.sku)).toBeNull();
    expect(await getVisibleItem(t.database.db, initech, 'indoor-lighting-2027', tube.sku)).not.toBeNull();
    const globexCategories = (await visibleCategoryCounts(t.database.db, globex, indoor.id)).map((c) => c.path);
    expect(globexCategories.some((p) => p.startsWith('Lamps > LED tubes'))).toBe(false);
    expect(globexCategories.length).toBeGreaterThan(3);
  });

  test('the SQL filter shows exactly the items the pricing rules call visible', async () => {
    for (const orgSlug of ['globex-manufacturing', 'initech']) {
      const ctx = await context(orgSlug);
      for (const [catalogId, c] of ctx.catalogs) {
        const all = await t.database.db.all<{ sku: string; category_path: string }>(sql`SELECT sku, category_path FROM items WHERE revision_id = ${c.revisionId}`);
        const expected = all.filter((r) => isVisible(ctx.compiled, { catalogId, sku: r.sku, categoryPath: r.category_path }, new Date(ctx.nowMs))).map((r) => r.sku).sort();
        const got = (await listVisibleItems(t.database.db, ctx, { catalogId, sort: 'sku', pageSize: 200, page: 1 }));
        const skus: string[] = [];
        for (let p = 1; p <= Math.ceil(got.total / 200); p++) skus.push(...(await listVisibleItems(t.database.db, ctx, { catalogId, sort: 'sku', pageSize: 200, page: p })).items.map((x) => x.sku));
        expect(skus.sort()).toEqual(expected);
      }
    }
  });

  test('a view past its end date shows nothing', async () => {
    const globexId = await org('globex-manufacturing');
    await t.database.client.execute({ sql: `UPDATE view_versions SET valid_until = '2026-01-01' WHERE view_id IN (SELECT id FROM customer_views WHERE customer_org_id = ?)`, args: [globexId] });
    const ctx = await context('globex-manufacturing', new Date('2026-06-01T00:00:00Z'));
    expect(ctx.catalogs.size).toBe(0);
    expect((await listVisibleItems(t.database.db, ctx)).total).toBe(0);
    await t.database.client.execute({ sql: `UPDATE view_versions SET valid_until = NULL WHERE view_id IN (SELECT id FROM customer_views WHERE customer_org_id = ?)`, args: [globexId] });
  });
});
