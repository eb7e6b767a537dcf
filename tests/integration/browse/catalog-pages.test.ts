import { naturalSortKey } from '#kernel/natural-sort-key.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDemoCatalogs, type World } from './world.ts';
import { catalogBySlug, openBrowseRequest } from '#features/browse/browse-request.server.ts';
import { loadCatalogPage } from '#features/browse/catalog-page.server.ts';
import { loadProductPage } from '#features/browse/product-page.server.ts';
import { loadPrintPage, PRINT_LIMIT } from '#features/browse/print-page.server.ts';
import { parseListingParams, listingQuery } from '#features/browse/listing-params.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { customerViews } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { createOrganization } from '#features/accounts/create-organization.server.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';
import { loadCatalogsHome } from '#features/browse/catalogs-home.server.ts';

describe('catalog, category, product and print pages', () => {
  let w: World;
  const params = (q = '') => parseListingParams(new URLSearchParams(q));

  beforeAll(async () => { w = await openDemoCatalogs(); }, 120_000);
  afterAll(() => w.close());

  test('a catalog page shows the category tree with counts and one page of items by name', async () => {
    const request = await w.browse('buyer@globex.test');
    const fasteners = catalogBySlug(request, 'fasteners-2027')!;
    const page = (await loadCatalogPage(w.db, request, fasteners, undefined, params()))!;
    expect(page.subcategories.map((c) => c.name)).toEqual(['Anchors', 'Bolts and nuts', 'Screws', 'Washers']);
    expect(page.total).toBe(979);
    expect(page.items).toHaveLength(50);
    // By name, naturally: numbers by value (M3 x 60 before M3 x 100).
    const keys = page.items.map((i) => naturalSortKey(i.name));
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(page.items.findIndex((i) => /M3 x 60 mm/i.test(i.name))).toBeLessThan(page.items.findIndex((i) => /M3 x 100 mm/i.test(i.name)));
    const countersunk = page.tree.byPath.get('Screws > Wood screws > Countersunk')!;
    expect(countersunk.segments).toEqual(['screws', 'wood-screws', 'countersunk']);
    expect(countersunk.totalCount).toBe(99);
  });

  test('a category page lists its subtree; sort and page come from the URL; unknown places are 404', async () => {
    const request = await w.browse('buyer@globex.test');
    const fasteners = catalogBySlug(request, 'fasteners-2027')!;
    const byPrice = (await loadCatalogPage(w.db, request, fasteners, 'screws/wood-screws', params('sort=price&page=2')))!;
    expect(byPrice.category!.path).toBe('Screws > Wood screws');
    expect(byPrice.trail.map((c) => c.name)).toEqual(['Screws', 'Wood screws']);
    expect(byPrice.total).toBe(200);
    expect(byPrice.items.every((i) => i.categoryPath.startsWith('Screws > Wood screws > '))).toBe(true);
    const prices = byPrice.items.map((i) => i.price.netMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const pageOne = (await loadCatalogPage(w.db, request, fasteners, 'screws/wood-screws', params('sort=price')))!;
    expect(pageOne.items[49]!.price.netMinor).toBeLessThanOrEqual(prices[0]!);
    expect(await loadCatalogPage(w.db, request, fasteners, 'screws/wood-screws', params('page=5'))).toBeNull();
    expect(await loadCatalogPage(w.db, request, fasteners, 'screws/no-such', params())).toBeNull();
    expect(listingQuery(params('sort=price&page=2&layout=grid&utm_source=x'))).toBe('?sort=price&page=2&layout=grid');
    expect(listingQuery(params('sort=bogus&page=-1&layout=cards'))).toBe('');
  });

  test('a category is not confused with a sibling whose name starts the same', async () => {
    const acme = await w.orgId('acme-fasteners');
    const catalog = await createCatalog(w.db, { supplierOrgId: acme, name: 'Lamp corner', currency: 'EUR' });
    await w.publishRows('lamp-corner', [
      { sku: 'L-1', name: 'Bulb', category: 'Lamps > Bulbs', priceMinor: 100 },
      { sku: 'L-2', name: 'Old bulb', category: 'Lamps (old) > Bulbs', priceMinor: 100 },
      { sku: 'L-3', name: 'Lamp', category: 'Lamps', priceMinor: 100 },
      { sku: 'L-4', name: 'Lampshade', category: 'Lampshades', priceMinor: 100 },
    ]);
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('initech')}`);
    await w.db.update(customerViews).set({ draftRules: { catalogs: [...view!.draftRules.catalogs, { catalogId: catalog.id }] } }).where(sql`id = ${view!.id}`);
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const request = await w.browse('buyer@initech.test');
    const page = (await loadCatalogPage(w.db, request, catalogBySlug(request, 'lamp-corner')!, 'lamps', params()))!;
    expect(page.items.map((i) => i.sku).sort()).toEqual(['L-1', 'L-3']);
    expect(page.tree.nodes.map((n) => n.segments.join('/'))).toEqual(['lamps', 'lamps/bulbs', 'lamps-old', 'lamps-old/bulbs', 'lampshades']);
  });

  test('a product page has its trail, the buyer\'s breaks, and other items of its category; a hidden item is 404', async () => {
    const request = await w.browse('buyer@globex.test');
    const fasteners = catalogBySlug(request, 'fasteners-2027')!;
    const [row] = await w.db.all<{ sku: string; price_minor: number }>(sql`SELECT sku, price_minor FROM items WHERE revision_id = ${fasteners.revisionId} AND category_path = 'Washers > Flat washers > Form A' AND json_array_length(tiers) = 2 ORDER BY sku LIMIT 1`);
    const page = (await loadProductPage(w.db, request, fasteners, row!.sku))!;
    expect(page.trail.map((c) => c.name)).toEqual(['Washers', 'Flat washers', 'Form A']);
    expect(page.breaks.map((b) => b.minQty)).toEqual([1, 10, 50]);
    expect(page.breaks[0]!.netMinor).toBe(Math.round(row!.price_minor * 0.9));
    expect(page.related).toHaveLength(8);
    expect(page.related.every((r) => r.categoryPath === 'Washers > Flat washers > Form A' && r.sku !== row!.sku)).toBe(true);
    expect(page.images.size).toBeGreaterThan(0);
    const indoor = catalogBySlug(request, 'indoor-lighting-2027')!;
    const tube = (await w.liveRows('indoor-lighting-2027')).find((r) => r.category.startsWith('Lamps > LED tubes'))!;
    expect(await loadProductPage(w.db, request, indoor, tube.sku)).toBeNull();
  });

  test('a fixed price with its own breaks shows those breaks, not the supplier\'s it overrides', async () => {
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('globex-manufacturing')}`);
    const fasteners = await w.catalog('fasteners-2027');
    const [sku] = await w.db.all<{ sku: string }>(sql`SELECT sku FROM items WHERE revision_id = ${fasteners.live} AND json_array_length(tiers) = 2 AND category_path LIKE 'Bolts%' ORDER BY sku LIMIT 1`);
    const rules = view!.draftRules;
    const catalogRules = rules.catalogs.find((c) => c.catalogId === fasteners.id)!;
    catalogRules.fixedPrices = [...(catalogRules.fixedPrices ?? []), { sku: sku!.sku, priceMinor: 500, tiers: [{ minQty: 25, priceMinor: 400 }] }];
    await w.db.update(customerViews).set({ draftRules: rules }).where(sql`id = ${view!.id}`);
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const request = await w.browse('buyer@globex.test');
    const page = (await loadProductPage(w.db, request, catalogBySlug(request, 'fasteners-2027')!, sku!.sku))!;
    expect(page.breaks.map((b) => [b.minQty, b.netMinor])).toEqual([[1, 500], [25, 400]]);
  });

  test('sales previewing a customer sees exactly that customer\'s pages; nobody else can preview', async () => {
    const asGlobex = await w.browse('buyer@globex.test');
    const preview = await w.browse('sales@vitrine.test', new Date(), 'globex-manufacturing');
    expect(preview.preview).toBe(true);
    expect(preview.paths.catalogs()).toBe(`/preview/${await w.orgId('globex-manufacturing')}/catalogs`);
    expect([...preview.live.keys()]).toEqual([...asGlobex.live.keys()]);
    const a = (await loadCatalogPage(w.db, asGlobex, catalogBySlug(asGlobex, 'indoor-lighting-2027')!, undefined, params('sort=sku')))!;
    const b = (await loadCatalogPage(w.db, preview, catalogBySlug(preview, 'indoor-lighting-2027')!, undefined, params('sort=sku')))!;
    expect(b.items.map((i) => [i.sku, i.price.netMinor])).toEqual(a.items.map((i) => [i.sku, i.price.netMinor]));
    expect(preview.fingerprint).not.toBe(asGlobex.fingerprint);
    const now = new Date();
    expect(await openBrowseRequest(w.db, await w.user('buyer@globex.test'), String(await w.orgId('initech')), now)).toBeNull();
    expect(await openBrowseRequest(w.db, await w.user('admin@vitrine.test'), String(await w.orgId('initech')), now)).toBeNull();
    expect(await openBrowseRequest(w.db, await w.user('sales@vitrine.test'), String(await w.orgId('acme-fasteners')), now)).toBeNull();
    expect(await openBrowseRequest(w.db, await w.user('sales@vitrine.test'), 'x1', now)).toBeNull();
    expect(await openBrowseRequest(w.db, await w.user('sales@vitrine.test'), undefined, now)).toBeNull();
    expect(await openBrowseRequest(w.db, await w.user('supplier@acme.test'), undefined, now)).toBeNull();
  });

  test('a print page has one section per category in tree order; a catalog too big to print offers its categories', async () => {
    const request = await w.browse('buyer@initech.test');
    const outdoor = catalogBySlug(request, 'outdoor-lighting-and-controls-2027')!;
    const page = (await loadPrintPage(w.db, request, outdoor, undefined))!;
    expect(page.sections.map((s) => s.path)).toEqual(page.tree.nodes.filter((n) => n.directCount > 0).map((n) => n.path));
    expect(page.sections.some((s) => s.path.startsWith('Emergency'))).toBe(false);
    expect(page.sections.reduce((n, s) => n + s.items.length, 0)).toBe(page.total);
    const one = (await loadPrintPage(w.db, request, outdoor, 'outdoor/floodlights'))!;
    expect(one.sections.map((s) => s.trail.join(' › '))).toEqual(['Outdoor › Floodlights › Standard', 'Outdoor › Floodlights › With sensor']);
    expect(await loadPrintPage(w.db, request, outdoor, 'emergency')).toBeNull();
    const many = Array.from({ length: PRINT_LIMIT + 1 }, (_, n) => ({ sku: `B-${n}`, name: `Bulk ${n}`, category: `Bulk > Part ${n % 3}`, priceMinor: 100 }));
    await w.publishRows('outdoor-lighting-and-controls-2027', many);
    const big = (await loadPrintPage(w.db, await w.browse('buyer@initech.test'), catalogBySlug(await w.browse('buyer@initech.test'), 'outdoor-lighting-and-controls-2027')!, undefined))!;
    expect(big.total).toBe(PRINT_LIMIT + 1);
    expect(big.sections).toEqual([]);
  }, 60_000);

  test('a buyer whose organization has no published view is told whom to ask', async () => {
    const org = await createOrganization(w.db, { name: 'Umbrella Works', kind: 'customer' });
    await createUserWithPassword(w.db, { orgId: org.id, email: 'buyer@umbrella.test', name: 'Uma Umbrella', role: 'buyer', password: 'a-long-password-1' });
    const request = await w.browse('buyer@umbrella.test');
    const home = await loadCatalogsHome(w.db, request, new Date());
    expect(home.catalogs).toEqual([]);
    expect(home.ask).toEqual({ operator: 'Northwind Supply', contacts: [{ name: 'Sam Sales', email: 'sales@vitrine.test' }] });
  });
});
