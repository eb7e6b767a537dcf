import { eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { PriceTier } from '#db/schema/catalogs.ts';
import { customerViews } from '#db/schema/index.ts';
import { visibilitySql } from '#features/visibility/visibility-sql.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { priceLines, type PriceLine } from './price-lines.ts';
import { priceRises, type RiseAt } from './price-rises.ts';
import { resolveBuyerScope, type BuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { resolvePreviewScope } from './preview-scope.server.ts';
import { countVisibleByCatalog } from './view-counts.server.ts';
import { catalogInfos, getView, type CatalogInfo, type ViewRow } from './view-records.server.ts';

export interface CatalogSummary {
  catalog: CatalogInfo;
  /** Items of the live revision this view shows, while it is in force. */
  shownByView: number;
  /** Items of this catalog the customer sees now, through all their published views. */
  customerNow: number;
  /** …and once this draft is published (today). */
  customerAfter: number;
}

export interface SampleItem {
  catalogName: string; currency: string; sku: string; name: string; categoryPath: string;
  /** Prices under this view's draft alone, whatever its dates. */
  view: PriceLine[];
  /** What the customer pays once the draft is published today (the lowest of their views); [] when not in force today. */
  after: PriceLine[];
  /** Prices the customer pays today; [] when they do not see the item today. */
  now: PriceLine[];
}

/** An item the customer sees now that gets dearer at some quantity once the draft is published. */
export interface PriceRiseItem { catalogName: string; currency: string; sku: string; name: string; rises: RiseAt[] }

export interface DraftSummary {
  view: ViewRow; catalogs: CatalogSummary[]; samples: SampleItem[];
  /** Every item whose net price goes up at any quantity (the first RISES_SHOWN), and how many there are. */
  rises: PriceRiseItem[]; riseCount: number;
}

export const RISES_SHOWN = 500;

interface SampleRow { sku: string; name: string; categoryPath: string; priceMinor: number; tiers: string }

async function countInScope(db: Db, scope: BuyerScope, live: ReadonlyMap<number, number>, now: Date): Promise<Map<number, number>> {
  const where = visibilitySql('i', compileViews(scope.versions), live, now.getTime());
  const rows = await db.all<{ revisionId: number; n: number }>(sql`SELECT i.revision_id AS revisionId, count(*) AS n FROM items i WHERE ${where} GROUP BY i.revision_id`);
  const byRevision = new Map(rows.map((r) => [r.revisionId, r.n]));
  return new Map([...live].map(([catalogId, revisionId]) => [catalogId, byRevision.get(revisionId) ?? 0]));
}

/**
 * What a draft will show before it is published: per catalog, how many items the view shows
 * and how many the customer sees now and after publishing; and a sample of items with list
 * and net prices and the rule behind each ("why this price"): fixed prices first, one item per
 * category rule, then a few items under the catalog rule.
 */
export async function summarizeDraft(db: Db, viewId: number, now: Date, perCatalog = 10): Promise<DraftSummary> {
  const view = await getView(db, viewId);
  const rules = view.draftRules;
  const catalogs = await catalogInfos(db, rules.catalogs.map((c) => c.catalogId));
  const live = new Map([...catalogs.values()].filter((c) => c.liveRevisionId !== null).map((c) => [c.id, c.liveRevisionId!]));
  const shown = await countVisibleByCatalog(db, viewId, rules, live);
  const scopeNow = await resolveBuyerScope(db, view.customerOrgId, now, true);
  const scopeAfter = await resolvePreviewScope(db, view.customerOrgId, now, viewId);
  const customerNow = await countInScope(db, scopeNow, live, now);
  const customerAfter = await countInScope(db, scopeAfter, live, now);
  const summaries = rules.catalogs.flatMap((c) => {
    const catalog = catalogs.get(c.catalogId);
    return catalog ? [{ catalog, shownByView: shown.get(c.catalogId) ?? 0, customerNow: customerNow.get(c.catalogId) ?? 0, customerAfter: customerAfter.get(c.catalogId) ?? 0 }] : [];
  });

  const names = new Map((await db.select({ id: customerViews.id, name: customerViews.name }).from(customerViews).where(eq(customerViews.customerOrgId, view.customerOrgId))).map((v) => [v.id, v.name]));
  const draftOnly = compileViews([{ viewId, rules, validFrom: null, validUntil: null }]);
  const compiledNow = compileViews(scopeNow.versions);
  const compiledAfter = compileViews(scopeAfter.versions);
  const samples: SampleItem[] = [];
  for (const c of rules.catalogs) {
    const catalog = catalogs.get(c.catalogId);
    const revisionId = live.get(c.catalogId);
    if (!catalog || revisionId === undefined) continue;
    const shownHere = visibilitySql('i', draftOnly, live, now.getTime(), c.catalogId);
    const pick = (extra: ReturnType<typeof sql>, limit: number) => db.all<SampleRow>(sql`SELECT i.sku, i.name, i.category_path AS categoryPath, i.price_minor AS priceMinor, i.tiers FROM items i WHERE ${shownHere} AND ${extra} ORDER BY i.sku LIMIT ${limit}`);
    const rows: SampleRow[] = [];
    const fixed = (c.fixedPrices ?? []).map((f) => f.sku);
    if (fixed.length > 0) rows.push(...await pick(sql`i.sku IN (${sql.join(fixed.slice(0, 50).map((s) => sql`${s}`), sql`, `)})`, 3));
    for (const r of (c.categoryPercentOff ?? []).slice(0, 5)) {
      const prefix = `${r.categoryPath.replace(/[\\%_]/g, (ch) => `\\${ch}`)} > %`;
      rows.push(...await pick(sql`(i.category_path = ${r.categoryPath} OR i.category_path LIKE ${prefix} ESCAPE '\\')`, 1));
    }
    rows.push(...await pick(sql`1`, 3));
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.sku) || seen.size >= perCatalog) continue;
      seen.add(row.sku);
      const item = { catalogId: c.catalogId, sku: row.sku, categoryPath: row.categoryPath, priceMinor: row.priceMinor, tiers: JSON.parse(row.tiers) as PriceTier[], currency: catalog.currency };
      samples.push({
        catalogName: catalog.name, currency: catalog.currency, sku: row.sku, name: row.name, categoryPath: row.categoryPath,
        view: priceLines(draftOnly, item, now, names), after: priceLines(compiledAfter, item, now, names), now: priceLines(compiledNow, item, now, names),
      });
    }
  }

  // Every item of the draft's catalogs the customer sees now, priced now and after publishing.
  const rises: PriceRiseItem[] = [];
  let riseCount = 0;
  for (const c of rules.catalogs) {
    const catalog = catalogs.get(c.catalogId);
    const revisionId = live.get(c.catalogId);
    if (!catalog || revisionId === undefined) continue;
    const rows = await db.all<SampleRow>(sql`SELECT sku, name, category_path AS categoryPath, price_minor AS priceMinor, tiers FROM items WHERE revision_id = ${revisionId} ORDER BY sku`);
    for (const row of rows) {
      const item = { catalogId: c.catalogId, sku: row.sku, categoryPath: row.categoryPath, priceMinor: row.priceMinor, tiers: JSON.parse(row.tiers) as PriceTier[], currency: catalog.currency };
      const up = priceRises(compiledNow, compiledAfter, item, now);
      if (up.length === 0) continue;
      riseCount++;
      if (rises.length < RISES_SHOWN) rises.push({ catalogName: catalog.name, currency: catalog.currency, sku: row.sku, name: row.name, rises: up });
    }
  }
  return { view, catalogs: summaries, samples, rises, riseCount };
}
