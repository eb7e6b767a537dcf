import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDemoCatalogs, type World } from './world.ts';
import { changesSince } from '#features/browse/changes.server.ts';
import { liveRevisionAt, resolveScopeAt } from '#features/visibility/scope-at.server.ts';
import { loadCatalogsHome } from '#features/browse/catalogs-home.server.ts';
import { recordCatalogVisit } from '#features/browse/visits.server.ts';
import { nextVisitState, VISIT_GAP_MS } from '#features/browse/visits.ts';
import { parseSince } from '#features/browse/since-param.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { customerViews } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { withdrawView } from '#features/views/withdraw-view.server.ts';

const at = (iso: string) => new Date(iso);
const hour = 3_600_000;

describe('what changed for a buyer, at their prices', () => {
  let w: World;
  let t0: Date;
  let firstRevision: number;
  let secondRevision: number;
  let visible2Category: string;

  beforeAll(async () => {
    w = await openDemoCatalogs();
    t0 = new Date();
    // The test's own upload of the live rows first: both sides of the change then come from the same kind of file.
    firstRevision = await w.publishRows('indoor-lighting-2027', await w.liveRows('indoor-lighting-2027'), new Date(t0.getTime() + 60_000));
    const rows = await w.liveRows('indoor-lighting-2027');
    const visible = rows.filter((r) => !r.category.startsWith('Lamps > LED tubes'));
    visible2Category = visible[2]!.category;
    // One hour later Bright Lighting publishes: a price up 10%, one item gone, one new, one moved into the category Globex does not see.
    const changed = rows.map((r) => {
      if (r.sku === visible[0]!.sku) return { ...r, priceMinor: Math.round(r.priceMinor * 1.1), price10Minor: undefined };
      if (r.sku === visible[2]!.sku) return { ...r, category: 'Lamps > LED tubes > T8' };
      return r;
    }).filter((r) => r.sku !== visible[1]!.sku);
    changed.push({ sku: 'BL-NEW-1', name: 'Brand new panel', category: 'Indoor > Panels > Recessed', priceMinor: 10_000 });
    secondRevision = await w.publishRows('indoor-lighting-2027', changed, new Date(t0.getTime() + hour));
  }, 120_000);
  afterAll(() => w.close());

  test('new, removed and re-priced items since a date, at the buyer\'s own prices and visibility', async () => {
    const request = await w.browse('buyer@globex.test', new Date(t0.getTime() + 2 * hour));
    const rows = await w.liveRows('indoor-lighting-2027');
    const changes = await changesSince(w.db, request, new Date(t0.getTime() + 30 * 60_000));
    const indoor = changes.find((c) => c.catalog.slug === 'indoor-lighting-2027')!;
    const fasteners = changes.find((c) => c.catalog.slug === 'fasteners-2027')!;
    expect(fasteners.status).toBe('unchanged');
    expect(indoor.status).toBe('changed');
    expect(indoor.counts).toEqual({ new: 1, removed: 2, changed: 1 });
    expect(indoor.groups.map((g) => g.reason)).toEqual(['publish']);
    expect(indoor.entries.filter((e) => e.kind === 'new').map((e) => e.sku)).toEqual(['BL-NEW-1']);
    expect(indoor.entries.find((e) => e.kind === 'new')!.afterMinor).toBe(9_500); // 5% off for Globex
    const move = indoor.entries.find((e) => e.kind === 'changed')!;
    const now = rows.find((r) => r.sku === move.sku)!;
    expect(move.afterMinor).toBe(Math.round(now.priceMinor * 0.95));
    expect(move.movePercent).toBeCloseTo(10, 0);
    // Initech sees LED tubes: the item moved there is not removed for them but changed, its category named old → new.
    const initech = (await changesSince(w.db, await w.browse('buyer@initech.test', new Date(t0.getTime() + 2 * hour)), new Date(t0.getTime() + 30 * 60_000))).find((c) => c.catalog.slug === 'indoor-lighting-2027')!;
    expect(initech.counts).toEqual({ new: 1, removed: 1, changed: 2 });
    const moved = initech.entries.find((e) => e.kind === 'changed' && e.fields.length > 0)!;
    expect(moved.fields).toEqual([{ field: 'categoryPath', label: 'category', before: visible2Category, after: 'Lamps > LED tubes > T8' }]);
    expect(moved.movePercent).toBeNull();
    expect(initech.entries.find((e) => e.kind === 'new')!.afterMinor).toBe(9_200);
  });

  test('a new discount from sales is a price move on every item it touches', async () => {
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('initech')}`);
    const rules = view!.draftRules;
    const outdoorId = (await w.catalog('outdoor-lighting-and-controls-2027')).id;
    rules.catalogs.find((c) => c.catalogId === outdoorId)!.percentOff = 13;
    await w.db.update(customerViews).set({ draftRules: rules }).where(sql`id = ${view!.id}`);
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const request = await w.browse('buyer@initech.test');
    const outdoor = (await changesSince(w.db, request, before)).find((c) => c.catalog.slug === 'outdoor-lighting-and-controls-2027')!;
    const visibleNow = (await w.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM items WHERE revision_id = ${(await w.catalog('outdoor-lighting-and-controls-2027')).live} AND category_path NOT LIKE 'Emergency%'`))[0]!.n;
    expect(outdoor.counts.changed).toBe(visibleNow);
    expect(outdoor.groups.map((g) => g.reason)).toEqual(['terms']);
    expect(outdoor.counts.new + outdoor.counts.removed).toBe(0);
    const e = outdoor.entries[0]!;
    expect(e.movePercent).toBeLessThan(-9);
  });

  test('a withdrawn view makes its catalogs "gone"; a catalog not seen before is "added"', async () => {
    const [view] = await w.db.select().from(customerViews).where(sql`customer_org_id = ${await w.orgId('globex-manufacturing')}`);
    const beforeWithdraw = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await withdrawView(w.db, view!.id, { id: null, email: null }, new Date());
    const request = await w.browse('buyer@globex.test');
    expect(request.live.size).toBe(0);
    const changes = await changesSince(w.db, request, beforeWithdraw);
    expect(changes.map((c) => [c.catalog.slug, c.status])).toEqual([['fasteners-2027', 'gone'], ['indoor-lighting-2027', 'gone']]);
    expect((await resolveScopeAt(w.db, await w.orgId('globex-manufacturing'), beforeWithdraw)).versions).toHaveLength(1);
    // Back again: compared with a moment while it was withdrawn, everything is new.
    const whileWithdrawn = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await publishView(w.db, view!.id, { id: null, email: null }, new Date());
    const again = await changesSince(w.db, await w.browse('buyer@globex.test'), whileWithdrawn);
    expect(again.map((c) => c.status)).toEqual(['added', 'added']);
    expect(again[0]!.itemCount).toBe(979);
  });

  test('the revision live at a date follows publishes and rollbacks', async () => {
    const indoor = await w.catalog('indoor-lighting-2027');
    expect(await liveRevisionAt(w.db, indoor.id, new Date(t0.getTime() + 30 * 60_000))).toBe(firstRevision);
    expect(await liveRevisionAt(w.db, indoor.id, new Date(t0.getTime() + 90 * 60_000))).toBe(secondRevision);
    const rollbackAt = new Date(t0.getTime() + 3 * hour);
    await makeRevisionLive(w.db, firstRevision, { id: null, email: null }, rollbackAt, 'rollback');
    expect(await liveRevisionAt(w.db, indoor.id, new Date(t0.getTime() + 90 * 60_000))).toBe(secondRevision);
    expect(await liveRevisionAt(w.db, indoor.id, new Date(rollbackAt.getTime() + 1))).toBe(firstRevision);
    expect(await liveRevisionAt(w.db, indoor.id, new Date(t0.getTime() - 10 * hour))).toBeNull();
  });
});

describe('visits', () => {
  test('a view more than half an hour after the last one starts a new visit; reloads keep the baseline', () => {
    const first = nextVisitState({ lastVisitAt: null, lastSeenAt: null }, at('2027-03-01T08:00:00Z'))!;
    expect(first).toEqual({ lastVisitAt: null, lastSeenAt: '2027-03-01T08:00:00.000Z' });
    expect(nextVisitState(first, at('2027-03-01T08:00:30Z'))).toBeNull();
    const later = nextVisitState(first, at('2027-03-01T08:20:00Z'))!;
    expect(later.lastVisitAt).toBeNull();
    const nextDay = nextVisitState(later, new Date(Date.parse('2027-03-01T08:20:00Z') + VISIT_GAP_MS + 1))!;
    expect(nextDay.lastVisitAt).toBe('2027-03-01T08:20:00.000Z');
  });

  test('the catalog list counts changes since the last visit and does not move it in a preview', async () => {
    const w = await openDemoCatalogs();
    try {
      const greta = await w.user('buyer@globex.test');
      const rows = await w.liveRows('fasteners-2027');
      await w.publishRows('fasteners-2027', rows);
      await new Promise((r) => setTimeout(r, 5));
      const t0 = new Date();
      expect(await recordCatalogVisit(w.db, greta.id, t0)).toBeNull();
      await w.publishRows('fasteners-2027', rows.slice(1), new Date(t0.getTime() + hour));
      const t1 = new Date(t0.getTime() + 2 * hour);
      const preview = await loadCatalogsHome(w.db, await w.browse('sales@vitrine.test', t1, 'globex-manufacturing'), t1);
      expect(preview.since).toBeNull();
      const home = await loadCatalogsHome(w.db, await w.browse('buyer@globex.test', t1), t1);
      expect(home.since).toBe(t0.toISOString());
      const fasteners = home.catalogs.find((c) => c.catalog.slug === 'fasteners-2027')!;
      expect(fasteners.itemCount).toBe(978);
      expect(fasteners.changes!.counts).toEqual({ new: 0, removed: 1, changed: 0 });
      // A reload a minute later shows the same.
      const reload = await loadCatalogsHome(w.db, await w.browse('buyer@globex.test', new Date(t1.getTime() + 60_000)), new Date(t1.getTime() + 60_000));
      expect(reload.since).toBe(t0.toISOString());
      const empty = await loadCatalogsHome(w.db, await w.browse('buyer@globex.test', t1), t1);
      expect(empty.ask).toBeNull();
    } finally {
      w.close();
    }
  }, 120_000);

  test('"since" is a date or a date-time with a zone, and not in the future', () => {
    const now = at('2027-06-15T12:00:00Z');
    expect(parseSince('2027-03-01', now)).toEqual({ ok: true, since: at('2027-03-01T00:00:00Z') });
    expect(parseSince('2027-03-01T10:00:00+02:00', now)).toEqual({ ok: true, since: at('2027-03-01T08:00:00Z') });
    expect(parseSince('yesterday', now)).toMatchObject({ ok: false });
    expect(parseSince('2027-07-01', now)).toEqual({ ok: false, message: 'Choose a date that is not in the future.' });
  });
});
