// A buyer's page of 50 items at net prices under a published view of 200 rules, on a real
// temporary libSQL file with a 10,000-item catalog: p50/p95 per page, N pages at random offsets.
// Baseline in the same run (these machines are noisy, read the ratios): the same page of 50
// items at list price only (supplier quantity breaks, no view), same count query and sort.
// Figures: the whole buyer page (resolve scope, compile rules, SQL filter, price 50 items), and
// pricing alone (the 50 items priced with the compiled view; the 2 ms budget applies here).
// Run: node_modules/.bin/node bench/view-pricing.ts
import { sql } from 'drizzle-orm';
import type { PriceTier } from '#db/schema/catalogs.ts';
import { openTempDatabase } from '#tests/support/temp-database.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { listVisibleItems } from '#features/visibility/visible-items.server.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import { listUnitPrice } from '#features/pricing/tiers.ts';
import { generateWorld } from './view-bench-data.ts';

const ITEMS = 10_000;
const PAGE = 50;
const N = 400; // pages read through the database
const N_PURE = 5_000; // pricing alone is in microseconds: more runs for a stable p95

const temp = await openTempDatabase();
const { db } = temp.database;
try {
  const { customerOrgId, viewId, catalogIds } = await generateWorld(db, [ITEMS]);
  await publishView(db, viewId, { id: null, email: 'bench@vitrine.test' }, new Date());
  const catalogId = catalogIds[0]!;
  const [{ revisionId }] = (await db.all<{ revisionId: number }>(sql`SELECT live_revision_id AS revisionId FROM catalogs WHERE id = ${catalogId}`)) as [{ revisionId: number }];
  const pages = Math.floor((ITEMS * 0.7) / PAGE); // stay within the visible items
  let sink = 0;

  async function measure(label: string, run: (page: number) => Promise<number>, runs = N): Promise<[number, number]> {
    for (let i = 0; i < runs / 10; i++) sink += await run(1 + (i % pages));
    const times = new Float64Array(runs);
    for (let i = 0; i < runs; i++) {
      const page = 1 + ((i * 7919) % pages);
      const start = performance.now();
      sink += await run(page);
      times[i] = performance.now() - start;
    }
    times.sort();
    const p50 = times[Math.floor(0.5 * runs)]!;
    const p95 = times[Math.floor(0.95 * runs)]!;
    console.log(`${label}: p50 ${p50.toFixed(3)} ms per page`);
    console.log(`${label}: p95 ${p95.toFixed(3)} ms per page`);
    return [p50, p95];
  }

  interface Row { sku: string; category_path: string; price_minor: number; tiers: string }
  const [baseP50, baseP95] = await measure(`baseline, ${PAGE} items at list price (${ITEMS} in catalog)`, async (page) => {
    await db.all(sql`SELECT count(*) AS n FROM items i WHERE i.revision_id = ${revisionId}`);
    const rows = await db.all<Row>(sql`SELECT i.* FROM items i WHERE i.revision_id = ${revisionId} ORDER BY i.sku LIMIT ${PAGE} OFFSET ${(page - 1) * PAGE}`);
    return rows.reduce((sum, r) => sum + listUnitPrice(r.price_minor, JSON.parse(r.tiers) as PriceTier[], 1), 0);
  });
  const [pageP50, pageP95] = await measure(`buyer page, ${PAGE} items at net price, view of 200 rules`, async (page) => {
    const ctx = await openBrowseContext(db, await resolveBuyerScope(db, customerOrgId, new Date()));
    const result = await listVisibleItems(db, ctx, { catalogId, sort: 'sku', page, pageSize: PAGE });
    if (result.items.length !== PAGE) throw new Error(`page ${page} has ${result.items.length} items`);
    return result.items.reduce((sum, i) => sum + i.price.netMinor, 0);
  });

  // Pricing alone: one page of rows already read, priced with the view compiled once per page.
  const scope = await resolveBuyerScope(db, customerOrgId, new Date());
  const rows = await db.all<Row>(sql`SELECT i.* FROM items i WHERE i.revision_id = ${revisionId} ORDER BY i.sku LIMIT ${PAGE} OFFSET 500`);
  const inputs = rows.map((r) => ({ catalogId, sku: r.sku, categoryPath: r.category_path, priceMinor: r.price_minor, tiers: JSON.parse(r.tiers) as PriceTier[], currency: 'EUR' }));
  const now = new Date();
  const [pureBaseP50, pureBaseP95] = await measure(`baseline, ${PAGE} items at list price, no database`, async () => {
    let sum = 0;
    for (const input of inputs) sum += listUnitPrice(input.priceMinor, input.tiers, 1);
    return sum;
  }, N_PURE);
  const [pricingP50, pricingP95] = await measure(`pricing alone, ${PAGE} items incl. compiling the 200 rules`, async () => {
    const compiled = compileViews(scope.versions);
    let sum = 0;
    for (const input of inputs) sum += priceItem(compiled, input, 1, now)?.netMinor ?? 0;
    return sum;
  }, N_PURE);

  console.log(`ratio pricing alone/list price, no database, p50: ${(pricingP50 / pureBaseP50).toFixed(1)} (p95: ${(pricingP95 / pureBaseP95).toFixed(1)})`);
  console.log(`ratio buyer page/baseline p50: ${(pageP50 / baseP50).toFixed(2)}`);
  console.log(`ratio buyer page/baseline p95: ${(pageP95 / baseP95).toFixed(2)}`);
  console.log(`budget 2 ms per page (p95): pricing ${pricingP95 < 2 ? 'within' : 'OVER'} (${pricingP95.toFixed(3)} ms), whole buyer page ${pageP95 < 2 ? 'within' : 'over'} (${pageP95.toFixed(3)} ms, includes the SQL)`);
  if (sink === -1) console.log('unreachable');
} finally {
  temp.close();
}
