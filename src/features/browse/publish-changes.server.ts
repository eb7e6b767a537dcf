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
export function itemsOf(rows: readonly ChangeRow[], side: 'o' | 'n'): Map<string, ChangeItem> {
  return new Map(rows.filter((r) => r.side === side).map((r) => [r.sku, {
    sku: r.sku, name: r.name, description: r.description, categoryPath: r.category_path, unit: r.unit, priceMinor: r.price_minor,
    tiers: JSON.parse(r.tiers) as PriceTier[], minOrderQty: r.min_order_qty, gtin: r.gtin, manufacturer: r.manufacturer, mpn: r.mpn,
    attributes: JSON.parse(r.attributes) as Record<string, string>, images: JSON.parse(r.images) as string[],
  }]));
}

export function changeGroup(reason: ChangeGroup['reason'], at: string, changes: BuyerChange[], limitPerKind: number): ChangeGroup {
  const of = (kind: ChangeKind) => changes.filter((c) => c.kind === kind);
  const kinds = { new: of('new'), removed: of('removed'), changed: of('changed') };
  return {
    reason, at,
    counts: { new: kinds.new.length, removed: kinds.removed.length, changed: kinds.changed.length },
    entries: [...kinds.new.slice(0, limitPerKind), ...kinds.removed.slice(0, limitPerKind), ...kinds.changed.slice(0, limitPerKind)],
  };
}

/** One publish of a catalog, seen by one scope (its view versions in force at `atMs`). */
export interface PublishChangesInput {
  catalogId: number; currency: string; oldRev: number; newRev: number;
  versions: readonly ViewVersionInput[]; atMs: number;
  reason: 'publish' | 'rollback'; publishedAt: string; limitPerKind: number;
}

/** What the publish changed at the scope's prices, as a group; null when nothing the buyer sees changed. */
export async function publishChangesHere(db: Db, input: PublishChangesInput): Promise<ChangeGroup | null> {
  const rows = await changeRows(db, { oldRev: input.oldRev, newRev: input.newRev, rulesChanged: false });
  const compiled = compileViews(input.versions);
  const at = new Date(input.atMs);
  const before = { compiled, at, items: itemsOf(rows, 'o') };
  const after = { compiled, at, items: itemsOf(rows, 'n') };
  const changes = buyerChanges(input.catalogId, input.currency, before, after, rows.map((r) => r.sku));
  return changes.length ? changeGroup(input.reason, input.publishedAt, changes, input.limitPerKind) : null;
}

/**
 * The same, worked out where heavy work runs: reading the rows of a 20,000-row price list and
 * pricing each changed item twice held a serving loop for 150 ms, and the rows crossed between
 * processes; now only the group does.
 */
export function publishChanges(db: Db, input: PublishChangesInput): Promise<ChangeGroup | null> {
  return offLoop('browse.publish-changes', input, (i) => publishChangesHere(db, i));
}
