import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { customerViews } from '#db/schema/index.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { editDraft } from '#features/views/edit-draft.server.ts';
import type { ServerProcess } from '#tests/support/built-server.ts';
import {
  globexPriceList, globexView, openFaultWorld, priceListCsv, priceLines, sessionCookie, until, writeLockProbe, type FaultWorld,
} from './fault-world.ts';

const ITEMS = 6_000;
// The view's transaction holds the write lock for a few milliseconds (its reads come first): the
// kills come right inside it, a little later, and well after it.
const KILL_AFTER_MS = [0, 1, 3, 250];

// Sales publishing a customer view writes a new kept version, moves the view's pointer and logs
// it, in one transaction. Killing the server anywhere in it leaves the buyers' prices exactly as
// before or exactly as after: never the new version stored without the pointer, or half a rule set.
describe('the server killed while sales publish a customer view', () => {
  let fw: FaultWorld;
  let catalogId: number;
  let viewId: number;
  let sales: string;
  let buyer: string;
  const excluded = 'Nuts > Hex';
  // The two agreements sales switch between, and the price list each gives Globex, worked out from the price list itself.
  const agreements: Array<{ rules: () => ViewRules; prices: string[] }> = [];

  beforeAll(async () => {
    fw = await openFaultWorld();
    const w = fw.w;
    catalogId = (await w.catalog('View fasteners')).id;
    const live = await w.uploadAndRead(catalogId, priceListCsv(priceLines(ITEMS, 1)), 'fasteners.csv');
    await w.publish(live.id);
    const lines = priceLines(ITEMS, 1);
    agreements.push(
      { rules: () => ({ catalogs: [{ catalogId, percentOff: 10 }] }), prices: lines.map((l) => `${l.sku} ${l.priceMinor * 0.9}`).sort() },
      { rules: () => ({ catalogs: [{ catalogId, percentOff: 20, excludeCategories: [excluded] }] }), prices: lines.filter((l) => l.category !== excluded).map((l) => `${l.sku} ${l.priceMinor * 0.8}`).sort() },
    );
    viewId = await globexView(w, catalogId, 10);
    sales = await sessionCookie(w, 'sales@vitrine.test');
    buyer = await sessionCookie(w, 'buyer@globex.test');
  }, 120_000);
  afterAll(() => fw?.w.close());

  const pointer = async () => (await fw.w.db.select().from(customerViews).where(eq(customerViews.id, viewId)))[0]!;
  const counts = async () => (await fw.w.db.all<{ versions: number; audit: number; newest: number }>(sql`SELECT
    (SELECT count(*) FROM view_versions WHERE view_id = ${viewId}) AS versions,
    (SELECT max(id) FROM view_versions WHERE view_id = ${viewId}) AS newest,
    (SELECT count(*) FROM audit_events WHERE kind = 'view-published') AS audit`))[0]!;

  /** An item of the excluded category, as the buyer opens its product page on the restarted server. */
  async function buyerSeesExcludedItem(server: ServerProcess): Promise<boolean> {
    const sku = priceLines(ITEMS, 1).find((l) => l.category === excluded)!.sku;
    const res = await fetch(`${server.base}/products/view-fasteners/${sku}`, { headers: { cookie: buyer } });
    expect([200, 404]).toContain(res.status);
    return res.status === 200;
  }

  test('buyers see exactly the old agreement or exactly the new one after each kill, and the restarted server agrees', async () => {
    const probe = writeLockProbe(fw.settings.databaseFile);
    const outcomes: string[] = [];
    let current = 0;
    expect(await globexPriceList(fw.w, catalogId)).toEqual(agreements[0]!.prices);
    let server = await fw.start();
    try {
      for (const killAfter of KILL_AFTER_MS) {
        const next = 1 - current;
        const draft = await editDraft(fw.w.db, viewId, null, new Date(), () => ({ rules: agreements[next]!.rules() }));
        const before = await counts();
        const publishedBefore = (await pointer()).publishedVersionId;
        const form = new FormData();
        form.set('viewId', String(viewId));
        form.set('stamp', draft.updatedAt);
        let answered = false;
        const request = fetch(`${server.base}/_actions/views.publish`, { method: 'POST', body: form, headers: { cookie: sales, origin: server.base } })
          .then((r) => { answered = true; return r.status; }, () => 'no answer' as const);
        await until('the view publish to hold the write lock', async () => ((await probe.held()) ? true : answered ? false : undefined), 30_000, 1);
        if (killAfter) await new Promise((r) => setTimeout(r, killAfter));
        await server.kill('SIGKILL');
        const status = await request;

        const view = await pointer();
        const after = await counts();
        const moved = view.publishedVersionId !== publishedBefore;
        if (moved) {
          expect(view.publishedVersionId).toBe(after.newest);
          expect(after).toMatchObject({ versions: before.versions + 1, audit: before.audit + 1 });
          current = next;
        } else {
          expect(after).toEqual(before); // no version stored without the pointer, no audit line for nothing
        }
        if (status === 200) expect(moved).toBe(true);
        expect(await globexPriceList(fw.w, catalogId)).toEqual(agreements[current]!.prices);
        outcomes.push(`killed at +${killAfter} ms: ${moved ? 'after' : 'before'}${status === 'no answer' ? '' : ` (answered ${status})`}`);

        server = await fw.start();
        expect(await buyerSeesExcludedItem(server)).toBe(current === 0);
      }
      expect(outcomes.some((o) => o.includes('before'))).toBe(true);
      console.log(`view publish: ${outcomes.join('; ')}`);
    } finally {
      await server.kill('SIGKILL');
      probe.close();
    }
  }, 150_000);
});
