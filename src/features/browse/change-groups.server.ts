import type { Db } from '#db/client.ts';
import type { PriceTier } from '#db/schema/index.ts';
import { compileViews } from '#features/pricing/compile-views.ts';
import type { ViewVersionInput } from '#features/pricing/types.ts';
import { offLoop } from '#kernel/off-loop.ts';
import { buyerChanges, type BuyerChange, type ChangeItem, type ChangeKind } from './buyer-changes.ts';
import { changeRows, type ChangeRow } from './change-rows.server.ts';

export type ChangeCounts = Record<ChangeKind, number>;

/**
 * The changes one event brought: a revision the supplier published (or rolled back to), or a
 * change of the buyer's own terms (sales published their view with other prices or products).
 */
export interface ChangeGroup {
  reason: 'publish' | 'rollback' | 'terms';
  at: string;
  counts: ChangeCounts;
  /** The first changes of each kind (price moves largest first); counts hold the totals. */
  entries: BuyerChange[];
}

/** The items of one side of a comparison, by SKU. */
function itemsOf(rows: readonly ChangeRow[], side: 'o' | 'n'): Map<string, ChangeItem> {
  return new Map(rows.filter((r) => r.side === side).map((r) => [r.sku, {
    sku: r.sku, name: r.name, description: r.description, categoryPath: r.category_path, unit: r.unit, priceMinor: r.price_minor,
    tiers: JSON.parse(r.tiers) as PriceTier[], minOrderQty: r.min_order_qty, gtin: r.gtin, manufacturer: r.manufacturer, mpn: r.mpn,
    attributes: JSON.parse(r.attributes) as Record<string, string>, images: JSON.parse(r.images) as string[],
  }]));
}

function changeGroup(reason: ChangeGroup['reason'], at: string, changes: BuyerChange[], limitPerKind: number): ChangeGroup {
  const of = (kind: ChangeKind) => changes.filter((c) => c.kind === kind);
  const kinds = { new: of('new'), removed: of('removed'), changed: of('changed') };
  return {
    reason, at,
    counts: { new: kinds.new.length, removed: kinds.removed.length, changed: kinds.changed.length },
    entries: [...kinds.new.slice(0, limitPerKind), ...kinds.removed.slice(0, limitPerKind), ...kinds.changed.slice(0, limitPerKind)],
  };
}

/** Prices as one scope saw them: its view versions in force at a time. */
export interface PricedAt { versions: readonly ViewVersionInput[]; atMs: number }

/** A comparison of a catalog's items for one customer, and how to name it. */
export interface ChangeGroupInput {
  catalogId: number; currency: string; oldRev: number; newRev: number;
  /** The buyer's terms changed: with oldRev = newRev, the one revision under the old terms (`before`) and the new. */
  rulesChanged: boolean;
  /** Both sides at `after` when left out (a publish seen at today's terms). */
  before?: PricedAt;
  after: PricedAt;
  reason: ChangeGroup['reason']; at: string; limitPerKind: number;
}

/** What changed between the two sides at the buyer's prices, as a group (its counts are zero when nothing the buyer sees did). */
export async function changeGroupHere(db: Db, input: ChangeGroupInput): Promise<ChangeGroup> {
  const rows = await changeRows(db, { oldRev: input.oldRev, newRev: input.newRev, rulesChanged: input.rulesChanged });
  const oneRevision = input.rulesChanged && input.oldRev === input.newRev;
  const oldItems = itemsOf(rows, 'o');
  const newItems = oneRevision ? oldItems : itemsOf(rows, 'n');
  const afterCompiled = compileViews(input.after.versions);
  const after = { compiled: afterCompiled, at: new Date(input.after.atMs), items: newItems };
  const before = input.before
    ? { compiled: compileViews(input.before.versions), at: new Date(input.before.atMs), items: oldItems }
    : { ...after, items: oldItems };
  const changes = buyerChanges(input.catalogId, input.currency, before, after, oneRevision ? oldItems.keys() : rows.map((r) => r.sku));
  return changeGroup(input.reason, input.at, changes, input.limitPerKind);
}

/**
 * The same, worked out where heavy work runs: reading the rows of a 20,000-row price list (or a
 * whole revision, when the terms changed) and pricing each item on both sides held a serving
 * loop for 150 ms and more, and the rows crossed between processes; now only the group does.
 */
export function changeGroupOffLoop(db: Db, input: ChangeGroupInput): Promise<ChangeGroup> {
  return offLoop('browse.change-group', input, (i) => changeGroupHere(db, i));
}
