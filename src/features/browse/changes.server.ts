import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, type PriceTier } from '#db/schema/index.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import { scopeCatalogIds, type BuyerScope } from '#features/visibility/buyer-scope.server.ts';
import type { BrowseRequest } from './browse-request.server.ts';
import { buyerChanges, type BuyerChange, type ChangeItem } from './buyer-changes.ts';
import { liveRevisionAt, resolveScopeAt } from '#features/visibility/scope-at.server.ts';
import { countVisibleItems } from '#features/visibility/visible-items.server.ts';

export interface CatalogChanges {
  catalog: { id: number; name: string; slug: string; currency: string; supplierName: string };
  /** 'added': the catalog became available to the buyer; 'gone': it is no longer available. */
  status: 'changed' | 'unchanged' | 'added' | 'gone';
  counts: { new: number; removed: number; price: number };
  /** The first changes of each kind (price moves largest first); counts hold the totals. */
  entries: BuyerChange[];
  /** For 'added': how many items it shows now. */
  itemCount: number;
}

interface Row { side: 'o' | 'n'; sku: string; name: string; category_path: string; price_minor: number; tiers: string }

/** A catalog's rules in every view in force, as text: equal text means equal prices and visibility. */
function catalogRulesText(scope: BuyerScope, catalogId: number): string {
  return JSON.stringify(scope.versions.map((v) => [v.viewId, v.validFrom, v.validUntil, v.rules.catalogs.find((c) => c.catalogId === catalogId) ?? null]).filter((v) => v[3] !== null));
}

/**
 * Rows that can differ between the two revisions for the buyer. With unchanged rules only
 * added, removed and re-priced or re-filed SKUs can; when the rules changed, every row can.
 */
async function candidateRows(db: Db, oldRev: number, newRev: number, rulesChanged: boolean): Promise<Row[]> {
  const all = rulesChanged ? 1 : 0;
  return db.all<Row>(sql`
    SELECT 'n' AS side, n.sku, n.name, n.category_path, n.price_minor, n.tiers FROM items n WHERE n.revision_id = ${newRev}
      AND (${all} OR NOT EXISTS (SELECT 1 FROM items o WHERE o.revision_id = ${oldRev} AND o.sku = n.sku AND o.price_minor = n.price_minor AND o.tiers = n.tiers AND o.category_path = n.category_path))
    UNION ALL
    SELECT 'o', o.sku, o.name, o.category_path, o.price_minor, o.tiers FROM items o WHERE o.revision_id = ${oldRev}
      AND (${all} OR NOT EXISTS (SELECT 1 FROM items n WHERE n.revision_id = ${newRev} AND n.sku = o.sku AND n.price_minor = o.price_minor AND n.tiers = o.tiers AND n.category_path = o.category_path))`);
}

function itemsOf(rows: Row[], side: 'o' | 'n'): Map<string, ChangeItem> {
  return new Map(rows.filter((r) => r.side === side).map((r) => [r.sku, { sku: r.sku, name: r.name, categoryPath: r.category_path, priceMinor: r.price_minor, tiers: JSON.parse(r.tiers) as PriceTier[] }]));
}

/**
 * What changed in the buyer's catalogs between `since` and now, at their prices, one entry per
 * catalog they can see now or could see then. Unchanged catalogs cost two small queries.
 */
export async function changesSince(db: Db, request: BrowseRequest, since: Date, limitPerKind = 100): Promise<CatalogChanges[]> {
  const now = request.scope.at;
  const then = await resolveScopeAt(db, request.customer.id, since, request.preview);
  const nowCtx = request.context();
  const thenCompiled = compileViews(then.versions);
  const ids = [...new Set([...request.live.keys(), ...scopeCatalogIds(then)])];
  const meta = new Map((ids.length ? await db.select({ id: catalogs.id, name: catalogs.name, slug: catalogs.slug, currency: catalogs.currency, supplierName: organizations.name })
    .from(catalogs).innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId)).where(inArray(catalogs.id, ids)) : []).map((c) => [c.id, c]));
  const out: CatalogChanges[] = [];
  let counts: Map<number, number> | undefined;
  for (const id of ids) {
    const catalog = meta.get(id);
    if (!catalog) continue;
    const newRev = request.live.get(id)?.revisionId ?? null;
    const oldRev = scopeCatalogIds(then).includes(id) ? await liveRevisionAt(db, id, since) : null;
    const base = { catalog, counts: { new: 0, removed: 0, price: 0 }, entries: [] as BuyerChange[], itemCount: 0 };
    if (oldRev === null && newRev === null) continue;
    if (oldRev === null) {
      counts ??= await countVisibleItems(db, nowCtx);
      out.push({ ...base, status: 'added', itemCount: counts.get(id) ?? 0 });
      continue;
    }
    if (newRev === null) { out.push({ ...base, status: 'gone' }); continue; }
    const rulesChanged = catalogRulesText(then, id) !== catalogRulesText(request.scope, id);
    if (!rulesChanged && oldRev === newRev) { out.push({ ...base, status: 'unchanged' }); continue; }
    const rows = await candidateRows(db, oldRev, newRev, rulesChanged);
    const before = { compiled: thenCompiled, at: since, items: itemsOf(rows, 'o') };
    const after = { compiled: nowCtx.compiled, at: now, items: itemsOf(rows, 'n') };
    const changes = buyerChanges(id, catalog.currency, before, after, rows.map((r) => r.sku));
    const kinds = { new: changes.filter((c) => c.kind === 'new'), removed: changes.filter((c) => c.kind === 'removed'), price: changes.filter((c) => c.kind === 'price') };
    out.push({
      ...base, status: changes.length ? 'changed' : 'unchanged',
      counts: { new: kinds.new.length, removed: kinds.removed.length, price: kinds.price.length },
      entries: [...kinds.new.slice(0, limitPerKind), ...kinds.removed.slice(0, limitPerKind), ...kinds.price.slice(0, limitPerKind)],
    });
  }
  return out.sort((a, b) => a.catalog.name.localeCompare(b.catalog.name));
}
