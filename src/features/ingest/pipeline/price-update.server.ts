import type { PriceTier } from '#db/schema/catalogs.ts';
import type { Db } from '#db/client.ts';
import type { ImportProblem } from '../checks/validate-row.ts';
import { formatMinor } from '#kernel/money/parse-money.ts';
import { inBundles } from '../readers/bmecat-order.ts';
import type { CheckedItem } from './item-source.ts';
import { draftOf, itemsBySku } from '../revisions/live-items.server.ts';
import { bundleOf } from '../readers/units.ts';

/** One line of a price update: the SKU and its new prices, or the problems that keep it from applying. */
export interface PriceChange {
  rowNumber: number;
  sku: string;
  /** null when the line has errors (they are in `problems`). */
  prices: { priceMinor: number; tiers: PriceTier[]; fromQuantity: number } | null;
  /** BMEcat counts LOWER_BOUND in order units; an item sold by the bundle ("100 pieces") counts bundles. */
  quantitiesInOrderUnits: boolean;
  /** A file without quantity-break columns changes list prices only: the live breaks stay. */
  keepTiers: boolean;
  problems: ImportProblem[];
  /** The problem to report when the live revision has no such SKU. */
  unknownSku(): ImportProblem;
  currency: string;
}

const BATCH = 200;

function applyTo(change: PriceChange, live: Parameters<typeof draftOf>[0]): CheckedItem {
  const prices = change.prices!;
  const bundle = change.quantitiesInOrderUnits ? (bundleOf(live.unit)?.quantity ?? 1) : 1;
  const fromQuantity = inBundles(prices.fromQuantity, bundle);
  const problems = [...change.problems];
  const draft = { ...draftOf(live, change.rowNumber), priceMinor: prices.priceMinor };
  if (!change.keepTiers) draft.tiers = prices.tiers.map((t) => ({ minQty: inBundles(t.minQty, bundle), priceMinor: t.priceMinor })).filter((t) => t.minQty > fromQuantity);
  if (fromQuantity > draft.minOrderQty) {
    draft.minOrderQty = fromQuantity;
    problems.push({
      severity: 'warning', rowNumber: change.rowNumber, sku: change.sku, column: null, value: formatMinor(prices.priceMinor, change.currency), expected: 'a price from 1 unit',
      message: `Row ${change.rowNumber}: the new price of ${change.sku} applies from ${fromQuantity} units, so its minimum order quantity is now ${fromQuantity}.`,
    });
  }
  return { rowNumber: change.rowNumber, item: draft, problems };
}

/**
 * Turns price changes into items of the new revision: each is the live item with the new list
 * price and quantity breaks (everything else unchanged). A SKU the live revision lacks is an
 * error naming it: a price update changes existing items and never creates one. Live items are
 * looked up in batches, so memory stays bounded whatever the file's length.
 */
export async function* applyPriceChanges(db: Db, liveRevisionId: number, changes: AsyncIterable<PriceChange>): AsyncGenerator<CheckedItem> {
  let batch: PriceChange[] = [];
  const drain = async function* (): AsyncGenerator<CheckedItem> {
    const live = await itemsBySku(db, liveRevisionId, batch.filter((c) => c.prices).map((c) => c.sku));
    for (const change of batch) {
      const item = change.prices ? live.get(change.sku) : undefined;
      if (change.prices && !item) yield { rowNumber: change.rowNumber, item: null, problems: [...change.problems, change.unknownSku()] };
      else if (!item) yield { rowNumber: change.rowNumber, item: null, problems: change.problems };
      else yield applyTo(change, item);
    }
    batch = [];
  };
  for await (const change of changes) {
    batch.push(change);
    if (batch.length >= BATCH) yield* drain();
  }
  yield* drain();
}
