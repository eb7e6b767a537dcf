import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, requisitionLines } from '#db/schema/index.ts';
import type { BrowseContext } from '#features/visibility/browse-context.server.ts';
import { findVisibleBySkus, type VisibleItem } from '#features/visibility/visible-items.server.ts';
import { priceItem } from '#features/pricing/price-item.ts';
import type { Money } from '#kernel/money/line-totals.ts';
import { lineTotal, totalsByCurrency } from '#kernel/money/totals-by-currency.ts';
import { requireOwnedList } from './lists.server.ts';
import { ListNotFound } from './list-problem.ts';
import { orderTermsOf, quantityProblem } from './order-quantity.ts';

export interface PricedLine {
  lineId: number; catalogId: number; catalogName: string; sku: string; quantity: number;
  /** Null when the item is no longer in the buyer's catalogs (removed by the supplier, or by their view). */
  item: VisibleItem | null;
  /** The net unit price at this line's quantity (quantity breaks applied), and the line total. */
  unitNetMinor: number | null; lineTotalMinor: number | null; currency: string | null;
  /**
   * The quantity cannot be ordered (under the minimum, off the multiple), with the next one that
   * can; such a line is left out of the totals and the downloads until it is corrected.
   */
  quantityProblem: { message: string; suggestion: number } | null;
}

export interface PricedList {
  list: { id: number; name: string };
  lines: PricedLine[];
  /** One per currency; lines of items no longer available, or with a quantity that cannot be ordered, are not counted. */
  totals: Money[];
  unavailable: number;
  /** Lines whose quantity cannot be ordered as it is. */
  invalid: number;
}

/**
 * A buyer's list at their prices today: every line priced at its own quantity by the pricing
 * module (so a quantity past a break gets the break's price), line totals by lineTotal and
 * list totals per currency by sumLineTotals. Throws ListNotFound for another person's list.
 */
export async function loadPricedList(db: Db, ctx: BrowseContext, userId: number, listId: number): Promise<PricedList> {
  const list = await requireOwnedList(db, userId, listId);
  const lines = await db.select().from(requisitionLines).where(eq(requisitionLines.listId, listId)).orderBy(asc(requisitionLines.id));
  const catalogIds = [...new Set(lines.map((l) => l.catalogId))];
  const names = new Map((catalogIds.length ? await db.select({ id: catalogs.id, name: catalogs.name }).from(catalogs).where(inArray(catalogs.id, catalogIds)) : []).map((c) => [c.id, c.name]));
  const visible = new Map<string, VisibleItem>();
  for (const catalogId of catalogIds) {
    if (!ctx.catalogs.has(catalogId)) continue;
    const skus = lines.filter((l) => l.catalogId === catalogId).map((l) => l.sku);
    for (const item of await findVisibleBySkus(db, ctx, skus, catalogId)) visible.set(`${catalogId}\u0000${item.sku}`, item);
  }
  const now = new Date(ctx.nowMs);
  const priced = lines.map((l): PricedLine => {
    const item = visible.get(`${l.catalogId}\u0000${l.sku}`) ?? null;
    const base = { lineId: l.id, catalogId: l.catalogId, catalogName: names.get(l.catalogId) ?? 'a catalog', sku: l.sku, quantity: l.quantity, item };
    if (!item) return { ...base, unitNetMinor: null, lineTotalMinor: null, currency: null, quantityProblem: null };
    const ref = { catalogId: item.catalog.id, sku: item.sku, categoryPath: item.categoryPath, priceMinor: item.listPriceMinor, tiers: item.tiers, currency: item.catalog.currency };
    const price = priceItem(ctx.compiled, ref, l.quantity, now);
    if (!price) return { ...base, item: null, unitNetMinor: null, lineTotalMinor: null, currency: null, quantityProblem: null };
    return { ...base, unitNetMinor: price.netMinor, lineTotalMinor: lineTotal(price.netMinor, l.quantity), currency: price.currency, quantityProblem: quantityProblem(l.quantity, orderTermsOf(item), item.sku) };
  });
  const totals = totalsByCurrency(priced.flatMap((l) => (l.lineTotalMinor !== null && l.currency !== null && !l.quantityProblem ? [{ amountMinor: l.lineTotalMinor, currency: l.currency }] : [])));
  return { list, lines: priced, totals, unavailable: priced.filter((l) => !l.item).length, invalid: priced.filter((l) => l.quantityProblem).length };
}

/** The list named by a URL's id if it is this buyer's, priced; null (404) otherwise. */
export async function loadOwnPricedList(db: Db, ctx: BrowseContext, userId: number, idParam: string | undefined): Promise<PricedList | null> {
  if (!idParam || !/^[1-9]\d{0,9}$/.test(idParam)) return null;
  try {
    return await loadPricedList(db, ctx, userId, Number(idParam));
  } catch (e) {
    if (e instanceof ListNotFound) return null;
    throw e;
  }
}
