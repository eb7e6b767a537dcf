import { setImmediate as nextTurn } from 'node:timers/promises';
import { LruCache } from '#kernel/lru.ts';
import type { DocTable } from './embedded-doc-table.server.ts';
import { netOfClass, type PriceClass } from './price-classes.ts';

/**
 * The buyer's net unit price of every document (NaN: no view shows it), worked out once per
 * index generation and set of price classes, and kept for the next searches of that scope. The
 * same rule as price-classes.ts inClass: a named SKU's class first, then the path classes.
 */
export function scopeNetPrices(table: DocTable, classes: readonly PriceClass[]): Promise<Float64Array> {
  // Searches of one scope arriving together wait for one computation.
  return memo.load(`${table.generation}\u0000${JSON.stringify(classes)}`, async () => {
    const shape = shapeOf(classes);
    const byRevision = revisionFingerprints(classes);
    const nets = await computeNets(table, classes, earlierNets.get(shape), byRevision);
    earlierNets.set(shape, { itemId: table.itemId, revisionId: table.revisionId, byRevision, nets });
    return nets;
  });
}

/**
 * Rows priced, or 25,000 copied, between two yields to the event loop: a few milliseconds on a
 * quiet machine. Four times as many took 15 ms of one turn on a busy one, in the second after a
 * publish when every scope is priced again.
 */
const SLICE = 5_000;
const COPIED_PER_PRICED = 5;

const memo = new LruCache<Float64Array>({ maxEntries: 32, maxSize: 64 * 1024 * 1024, sizeOf: (a) => a.byteLength });

/**
 * The last prices worked out for a scope, kept across index generations. A publish replaces one
 * catalog's revision and leaves every other row of the table as it was, and the scope's classes
 * differ only in that revision's: the rows of the other revisions keep their price, copied (a
 * revision's items never change once checked), and only the new revision's rows are priced. In
 * the second after a publish every serving process prices every scope again, and pricing all
 * 100,000 rows took each search there 130–220 ms.
 */
interface EarlierNets { itemId: Int32Array; revisionId: Int32Array; byRevision: Map<number, string>; nets: Float64Array }
const earlierNets = new LruCache<EarlierNets>({ maxEntries: 32, maxSize: 64 * 1024 * 1024, sizeOf: (e) => e.nets.byteLength + e.itemId.byteLength * 2 });

/** The scope's classes whatever revision each catalog has live: the same before and after a publish that changes no view. */
const shapeOf = (classes: readonly PriceClass[]) => JSON.stringify(classes.map((c) => ({ ...c, revisionId: 0 })));

/** Each revision's classes as one string: a row's price may be copied only where its revision's classes are the same. */
function revisionFingerprints(classes: readonly PriceClass[]): Map<number, string> {
  const parts = new Map<number, PriceClass[]>();
  for (const c of classes) {
    const list = parts.get(c.revisionId);
    if (list) list.push(c); else parts.set(c.revisionId, [c]);
  }
  return new Map([...parts].map(([revisionId, list]) => [revisionId, JSON.stringify(list)]));
}

const isWithin = (path: string, parent: string) => path === parent || path.startsWith(parent + ' > ');

/** A path class as the row loop asks it: its SKU exceptions as a set (null: none). */
interface PathClass { c: PriceClass; except: Set<string> | null }
/** The classes of one live revision: named SKUs first, then path classes in order, and per category the path classes it fits. */
interface RevisionClasses { catalogId: number; named: Map<string, PriceClass>; paths: PathClass[]; byCategory: Array<PathClass[] | undefined> }

async function computeNets(table: DocTable, classes: readonly PriceClass[], earlier: EarlierNets | undefined, fingerprints: Map<number, string>): Promise<Float64Array> {
  const nets = new Float64Array(table.size).fill(NaN);
  // Whether a revision's rows may keep their earlier price: the same classes then and now (or none either time).
  const sameClasses = new Map<number, boolean>();
  const keeps = (revisionId: number) => {
    let same = sameClasses.get(revisionId);
    if (same === undefined) sameClasses.set(revisionId, same = earlier !== undefined && earlier.byRevision.get(revisionId) === fingerprints.get(revisionId));
    return same;
  };
  let before = 0; // the earlier table's row at or after this row's item id: both ascend
  let work = 0;
  // Revision ids are unique across catalogs: one number per row finds its classes.
  const byRevision = new Map<number, RevisionClasses>();
  for (const c of classes) {
    let group = byRevision.get(c.revisionId);
    if (!group) byRevision.set(c.revisionId, group = { catalogId: c.catalogId, named: new Map(), paths: [], byCategory: [] });
    if (c.sku !== null) { if (!group.named.has(c.sku)) group.named.set(c.sku, c); } else group.paths.push({ c, except: c.exceptSkus.length ? new Set(c.exceptSkus) : null });
  }
  // The path classes a category fits, in order, worked out once per category and revision.
  const fitting = (group: RevisionClasses, category: number): PathClass[] => {
    let list = group.byCategory[category];
    if (list === undefined) {
      const path = table.categories[category]!;
      list = group.paths.filter(({ c }) => (c.underPath === null || isWithin(path, c.underPath)) && !c.notUnder.some((p) => isWithin(path, p)));
      group.byCategory[category] = list;
    }
    return list;
  };
  for (let r = 0; r < table.size; r++) {
    if (work >= SLICE * COPIED_PER_PRICED) { work = 0; await nextTurn(); }
    const revisionId = table.revisionId[r]!;
    if (earlier && keeps(revisionId)) {
      const itemId = table.itemId[r]!;
      while (before < earlier.itemId.length && earlier.itemId[before]! < itemId) before++;
      if (earlier.itemId[before] === itemId && earlier.revisionId[before] === revisionId) {
        nets[r] = earlier.nets[before]!;
        work += 1;
        continue;
      }
    }
    work += COPIED_PER_PRICED;
    const group = byRevision.get(revisionId);
    if (!group || group.catalogId !== table.catalogId[r]) continue;
    // Cut out of the packed SKUs only for a rule that names SKUs.
    let sku: string | undefined;
    let chosen = group.named.size ? group.named.get(sku = table.sku.at(r)) : undefined;
    if (!chosen) {
      for (const path of fitting(group, table.category[r]!)) {
        if (path.except?.has(sku ??= table.sku.at(r))) continue;
        chosen = path.c;
        break;
      }
    }
    if (chosen) nets[r] = netOfClass(chosen, table.listUnitMinor[r]!);
  }
  return nets;
}
