import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openViewsWorld, type ViewsWorld } from './views-world.ts';
import { listVisibleItems, getVisibleItem, visibleCategoryCounts, imageIsVisible } from '#features/visibility/visible-items.server.ts';
import { findVisibleItems } from '#features/visibility/find-visible-items.server.ts';
import { catalogJsonBySlug, catalogsJson, itemJsonBySku, itemsJson, openBuyerApiContext } from '#features/browse/catalog-api.server.ts';
import { applyBasisPointsOff } from '#features/pricing/rounding.ts';
import { saveCatalogRules, saveFixedPrice } from '#features/views/edit-catalog-rules.server.ts';
import { updateViewDetails } from '#features/views/edit-view.server.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { withdrawView } from '#features/views/withdraw-view.server.ts';
import { restoreDraft } from '#features/views/restore-draft.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { resolvePreviewScope } from '#features/views/preview-scope.server.ts';
import { loadCustomerPreview } from '#features/views/customer-preview.server.ts';
import { summarizeDraft } from '#features/views/view-summary.server.ts';
import { loadCatalogEditor } from '#features/views/catalog-editor.server.ts';
import { listCustomersWithViews } from '#features/views/list-customers-with-views.server.ts';
import { ViewNotFound, ViewProblem } from '#features/views/view-problem.ts';
import { createView } from '#features/views/create-view.server.ts';
import { deleteDraftView } from '#features/views/delete-view.server.ts';
import { parsePageQuery } from '#features/browse/api-page-query.ts';
import type { SessionUser } from '#features/auth/session-user.ts';

const SALES = 'sales@vitrine.test';
const INDOOR = 'indoor-lighting-2027';
const PANEL = 'BL-PAN-25W-27-W';

describe('customer views decide what each customer sees and pays', () => {
  let w: ViewsWorld;
  let salesActor: SessionUser;
  const price = async (orgSlug: string, sku: string, catalog = INDOOR) => (await getVisibleItem(w.db, await w.buyer(orgSlug), catalog, sku))?.price ?? null;
  // Saves the indoor tree form of Globex's view as sales would: every category checked but the LED tubes.
  const saveIndoorForm = async (percents: Record<string, string>) => {
    const view = await w.viewOf('globex-manufacturing');
    const indoor = await w.catalog(INDOOR);
    const editor = await loadCatalogEditor(w.db, view.id, indoor.id, '');
    const paths = editor.tree.nodes.map((n) => n.path);
    return saveCatalogRules(w.db, view.id, indoor.id, salesActor.id, new Date(), {
      percentOff: '5', newCategories: 'shown', shown: paths.filter((p) => !p.startsWith('Lamps > LED tubes')),
      categoryPaths: paths, categoryPercents: paths.map((p) => percents[p] ?? ''), stamp: view.updatedAt,
    });
  };

  beforeAll(async () => {
    w = await openViewsWorld();
    salesActor = await w.user(SALES);
  }, 120_000);
  afterAll(() => w.close());

  test('Globex and Initech see different items and prices from the same catalog, in lists and through the API', async () => {
    const indoor = await w.catalog(INDOOR);
    const globex = await listVisibleItems(w.db, await w.buyer('globex-manufacturing'), { catalogId: indoor.id, sort: 'sku', pageSize: 200 });
    const initech = await listVisibleItems(w.db, await w.buyer('initech'), { catalogId: indoor.id, sort: 'sku', pageSize: 200 });
    expect(initech.total - globex.total).toBe(73); // Globex's view leaves out the 73 LED tubes
    const g = (await price('globex-manufacturing', PANEL))!;
    const i = (await price('initech', PANEL))!;
    expect(g.listMinor).toBe(2240);
    expect(g.netMinor).toBe(applyBasisPointsOff(2240, 500));
    expect(i.netMinor).toBe(applyBasisPointsOff(2240, 800));

    const globexApi = (await openBuyerApiContext(w.db, await w.user('buyer@globex.test'), new Date()))!;
    const initechApi = (await openBuyerApiContext(w.db, await w.user('buyer@initech.test'), new Date()))!;
    const globexItem = (await itemJsonBySku(w.db, globexApi, INDOOR, PANEL))!.item;
    const initechItem = (await itemJsonBySku(w.db, initechApi, INDOOR, PANEL))!.item;
    expect(globexItem.netPrice).toEqual({ amountMinor: 2128, currency: 'EUR', amount: '21.28' });
    expect(initechItem.netPrice).toEqual({ amountMinor: 2061, currency: 'EUR', amount: '20.61' });
    expect((await catalogsJson(w.db, initechApi)).catalogs.map((c) => c.slug).sort()).toEqual([INDOOR, 'outdoor-lighting-and-controls-2027']);
    expect(await itemsJson(w.db, initechApi, 'fasteners-2027', { page: 1, pageSize: 10 })).toBeNull();
    // Staff and suppliers have no buyer catalog on the API.
    expect(await openBuyerApiContext(w.db, salesActor, new Date())).toBeNull();
    expect(await openBuyerApiContext(w.db, await w.user('supplier@bright.test'), new Date())).toBeNull();
  });

  test('an excluded category is absent from lists, product lookups, categories, media and the API', async () => {
    const indoor = await w.catalog(INDOOR);
    const tube = (await w.db.all<{ sku: string; images: string }>(sql`SELECT sku, images FROM items WHERE revision_id = ${indoor.live} AND category_path LIKE 'Lamps > LED tubes%' AND images != '[]' ORDER BY sku LIMIT 1`))[0]!;
    const hash = (JSON.parse(tube.images) as string[])[0]!;
    const usedElsewhere = await w.db.all(sql`SELECT 1 FROM items i, json_each(i.images) j WHERE i.revision_id = ${indoor.live} AND j.value = ${hash} AND i.category_path NOT LIKE 'Lamps > LED tubes%'`);
    expect(usedElsewhere).toEqual([]);
    const globex = await w.buyer('globex-manufacturing');
    const initech = await w.buyer('initech');

    expect((await listVisibleItems(w.db, globex, { catalogId: indoor.id, categoryPath: 'Lamps > LED tubes' })).total).toBe(0);
    expect((await findVisibleItems(w.db, globex, { text: tube.sku })).total).toBe(0);
    expect(await getVisibleItem(w.db, globex, INDOOR, tube.sku)).toBeNull();
    expect((await visibleCategoryCounts(w.db, globex, indoor.id)).some((c) => c.path.startsWith('Lamps > LED tubes'))).toBe(false);
    expect(await imageIsVisible(w.db, globex, hash)).toBe(false);
    expect(await imageIsVisible(w.db, initech, hash)).toBe(true);

    const api = (await openBuyerApiContext(w.db, await w.user('buyer@globex.test'), new Date()))!;
    expect(await itemJsonBySku(w.db, api, INDOOR, tube.sku)).toBeNull();
    expect((await itemsJson(w.db, api, INDOOR, { page: 1, pageSize: 50, text: 'LED tube' }))!.total).toBe(0);
    expect((await catalogJsonBySlug(w.db, api, INDOOR))!.categories.some((c) => c.path.startsWith('Lamps > LED tubes'))).toBe(false);
    const initechApi = (await openBuyerApiContext(w.db, await w.user('buyer@initech.test'), new Date()))!;
    expect((await itemJsonBySku(w.db, initechApi, INDOOR, tube.sku))!.item.images[0]!.hash).toBe(hash);
  });

  test('draft edits change nothing for buyers until sales publishes; preview and summary show the draft; the audit log names who published', async () => {
    const view = await w.viewOf('globex-manufacturing');
    const indoor = await w.catalog(INDOOR);
    const downlight = (await w.db.all<{ sku: string; price: number }>(sql`SELECT sku, price_minor AS price FROM items WHERE revision_id = ${indoor.live} AND category_path LIKE 'Indoor > Downlights%' ORDER BY sku LIMIT 1`))[0]!;
    const before = await price('globex-manufacturing', downlight.sku);
    const initechBefore = await price('initech', downlight.sku);

    await saveIndoorForm({ 'Indoor > Downlights': '12', 'Indoor > Battens': '20' });
    await saveFixedPrice(w.db, view.id, indoor.id, salesActor.id, new Date(), { sku: PANEL, price: '19,99', tiers: [{ minQty: '10', price: '18.50' }] });
    expect(await price('globex-manufacturing', downlight.sku)).toEqual(before);
    expect((await price('globex-manufacturing', PANEL))!.netMinor).toBe(2128);

    const draftScope = await resolvePreviewScope(w.db, view.customerOrgId, new Date(), view.id);
    expect(draftScope.preview).toBe(true);
    const preview = await loadCustomerPreview(w.db, view.customerOrgId, { draftOf: view.id, text: PANEL });
    expect(preview.items.map((i) => i.sku)).toEqual([PANEL]);
    expect(preview.items[0]!.lines).toEqual([
      { quantity: 1, listMinor: 2240, netMinor: 1999, why: `Fixed net price for SKU ${PANEL} (fixed price), view “Globex framework agreement 2027”` },
      { quantity: 10, listMinor: 2240, netMinor: 1850, why: `Fixed net price for 10 or more units of SKU ${PANEL} (fixed price tier), view “Globex framework agreement 2027”` },
    ]);
    const summary = await summarizeDraft(w.db, view.id, new Date());
    const indoorSummary = summary.catalogs.find((c) => c.catalog.id === indoor.id)!;
    const notTubes = (await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${indoor.live} AND category_path NOT LIKE 'Lamps > LED tubes%'`))[0]!.n;
    expect(indoorSummary).toMatchObject({ shownByView: notTubes, customerNow: notTubes, customerAfter: notTubes });
    const sampledDownlight = summary.samples.find((s) => s.categoryPath.startsWith('Indoor > Downlights'))!;
    expect(sampledDownlight.view[0]!.why).toBe('12% off Indoor > Downlights (category rule), view “Globex framework agreement 2027”');
    expect(sampledDownlight.now[0]!.why).toContain('5% off the whole catalog (catalog rule)');

    await publishView(w.db, view.id, { ...salesActor, ip: '192.0.2.7' }, new Date(), { expectedStamp: (await w.viewOf('globex-manufacturing')).updatedAt });
    expect((await price('globex-manufacturing', downlight.sku))!.netMinor).toBe(applyBasisPointsOff(downlight.price, 1200));
    expect((await price('globex-manufacturing', PANEL))!.netMinor).toBe(1999);
    expect(await price('initech', downlight.sku)).toEqual(initechBefore);
    const [audit] = await w.db.all<{ actor: string; ip: string; detail: string }>(sql`SELECT actor_email AS actor, ip, detail FROM audit_events WHERE kind = 'view-published' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor: SALES, ip: '192.0.2.7' });
    expect(JSON.parse(audit!.detail)).toMatchObject({ version: 2, customer: 'Globex Manufacturing', catalogs: expect.arrayContaining([{ catalogId: indoor.id, catalog: 'Indoor Lighting 2027', visibleItems: notTubes }]) });
    const [listing] = await listCustomersWithViews(w.db, new Date(), view.customerOrgId);
    expect(listing!.views[0]).toMatchObject({ publisher: 'Sam Sales', status: { label: 'Published (version 2)', unpublishedChanges: false } });
  });

  test('publishing refuses a draft changed since it was reviewed, and one with nothing new', async () => {
    const view = await w.viewOf('globex-manufacturing');
    await expect(publishView(w.db, view.id, salesActor, new Date())).rejects.toThrow('Nothing to publish');
    const reviewedStamp = view.updatedAt;
    await saveIndoorForm({ 'Indoor > Downlights': '13', 'Indoor > Battens': '20' });
    await expect(publishView(w.db, view.id, salesActor, new Date(), { expectedStamp: reviewedStamp })).rejects.toThrow(ViewProblem);
    await expect(saveIndoorForm({ 'Indoor > Downlights': '112' })).rejects.toThrow('Indoor > Downlights: “112” is not a percentage');
    await restoreDraft(w.db, view.id, salesActor.id, new Date());
    const [listing] = await listCustomersWithViews(w.db, new Date(), view.customerOrgId);
    expect(listing!.views[0]!.status.unpublishedChanges).toBe(false);
  });

  test('a view past its end date shows nothing; withdrawing hides it at once and republishing brings it back', async () => {
    const view = await w.viewOf('globex-manufacturing');
    await updateViewDetails(w.db, view.id, salesActor.id, new Date(), { name: view.name, note: view.note, firstDay: '2025-01-01', lastDay: '2025-12-31', stamp: view.updatedAt });
    await publishView(w.db, view.id, salesActor, new Date());
    const now = await w.buyer('globex-manufacturing');
    expect(now.catalogs.size).toBe(0);
    expect((await findVisibleItems(w.db, now)).total).toBe(0);
    const api = (await openBuyerApiContext(w.db, await w.user('buyer@globex.test'), new Date()))!;
    expect(await catalogsJson(w.db, api)).toEqual({ catalogs: [], message: expect.stringContaining('Ask your account manager') });
    expect((await w.buyer('globex-manufacturing', new Date('2025-06-01T00:00:00Z'))).catalogs.size).toBe(2);

    const open = await w.viewOf('globex-manufacturing');
    await updateViewDetails(w.db, open.id, salesActor.id, new Date(), { name: open.name, note: open.note, firstDay: '', lastDay: '', stamp: open.updatedAt });
    await publishView(w.db, open.id, salesActor, new Date());
    expect((await w.buyer('globex-manufacturing')).catalogs.size).toBe(2);

    await withdrawView(w.db, view.id, salesActor, new Date());
    expect((await resolveBuyerScope(w.db, view.customerOrgId, new Date())).versions).toEqual([]);
    expect(await price('globex-manufacturing', PANEL)).toBeNull();
    await publishView(w.db, view.id, salesActor, new Date());
    expect((await price('globex-manufacturing', PANEL))!.netMinor).toBe(1999);
    const all = await w.db.all<{ kind: string; actor: string }>(sql`SELECT kind, actor_email AS actor FROM audit_events WHERE subject = ${`view:${view.id}`} ORDER BY id`);
    const kinds = all.filter((k) => k.kind !== 'view-draft-changed');
    expect(kinds.map((k) => k.kind)).toEqual(['view-published', 'view-published', 'view-published', 'view-published', 'view-withdrawn', 'view-published']);
    // Each edit of the draft before those publishes is in the log too, by the same person.
    expect(all.filter((k) => k.kind === 'view-draft-changed').length).toBeGreaterThan(0);
    expect(new Set(all.map((k) => k.actor))).toEqual(new Set([SALES]));
    expect(new Set(kinds.map((k) => k.actor))).toEqual(new Set([SALES]));
  });

  test('sales creates a view from another customer’s, it stays invisible until published, and only a never-published draft can be deleted', async () => {
    const initechId = await w.orgId('initech');
    const globexView = await w.viewOf('globex-manufacturing');
    const copy = await createView(w.db, salesActor, { customerOrgId: initechId, name: 'Initech fasteners trial', note: 'Copied from Globex', copyFromViewId: globexView.id }, new Date());
    expect(copy).toMatchObject({ state: 'draft', customerOrgId: initechId, draftRules: globexView.draftRules });
    await expect(createView(w.db, salesActor, { customerOrgId: initechId, name: 'initech FASTENERS trial', note: '' }, new Date())).rejects.toThrow(new ViewProblem('This customer already has a view named “initech FASTENERS trial”; choose another name.', 'name'));
    await expect(createView(w.db, salesActor, { customerOrgId: await w.orgId('acme-fasteners'), name: 'Not a customer', note: '' }, new Date())).rejects.toThrow(ViewNotFound);

    const initechApi = (await openBuyerApiContext(w.db, await w.user('buyer@initech.test'), new Date()))!;
    expect(await itemsJson(w.db, initechApi, 'fasteners-2027', { page: 1, pageSize: 10 })).toBeNull();
    const preview = await loadCustomerPreview(w.db, initechId, { draftOf: copy.id, catalogSlug: 'fasteners-2027' });
    expect(preview.total).toBe((await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${(await w.catalog('fasteners-2027')).live}`))[0]!.n);
    await expect(loadCustomerPreview(w.db, initechId, { draftOf: globexView.id })).rejects.toThrow(ViewNotFound);

    expect(await deleteDraftView(w.db, copy.id, salesActor, new Date())).toEqual({ customerOrgId: initechId, name: 'Initech fasteners trial' });
    await expect(deleteDraftView(w.db, globexView.id, salesActor, new Date())).rejects.toThrow('withdraw it instead');
  });

  test('the API pages through a catalog with links, at the buyer’s prices', async () => {
    const api = (await openBuyerApiContext(w.db, await w.user('buyer@initech.test'), new Date()))!;
    const first = (await itemsJson(w.db, api, INDOOR, { page: 1, pageSize: 200 }))!;
    expect(first).toMatchObject({ page: 1, pageSize: 200, total: 684, pages: 4, links: { next: `/api/v1/catalog/${INDOOR}/items?page=2&pageSize=200` } });
    const last = (await itemsJson(w.db, api, INDOOR, { page: 4, pageSize: 200 }))!;
    expect(last.items).toHaveLength(84);
    expect(last.links).not.toHaveProperty('next');
    const skus = new Set([...first.items, ...last.items].map((i) => i.sku));
    expect(skus.size).toBe(284);
    for (const item of first.items) expect(item.netPrice.amountMinor).toBe(applyBasisPointsOff(item.listPrice.amountMinor, 800));
    expect(parsePageQuery(new URLSearchParams('page=0'))).toEqual({ ok: false, message: 'page must be a whole number from 1 to 1000000, got "0".' });
    expect(parsePageQuery(new URLSearchParams('pageSize=500'))).toMatchObject({ ok: false });
    expect(parsePageQuery(new URLSearchParams('q=%20downlight%20'))).toEqual({ ok: true, value: { page: 1, pageSize: 50, text: 'downlight' } });
  });
});

