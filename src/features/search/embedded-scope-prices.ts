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
  return memo.load(`${table.generation}\u0000${JSON.stringify(classes)}`, () => computeNets(table, classes));
}

/** Rows priced between two yields to the event loop. */
const SLICE = 20_000;

const memo = new LruCache<Float64Array>({ maxEntries: 32, maxSize: 64 * 1024 * 1024, sizeOf: (a) => a.byteLength });

const isWithin = (path: string, parent: string) => path === parent || path.startsWith(parent + ' > ');

/** A path class as the row loop asks it: its SKU exceptions as a set (null: none). */
interface PathClass { c: PriceClass; except: Set<string> | null }
/** The classes of one live revision: named SKUs first, then path classes in order, and per category the path classes it fits. */
interface RevisionClasses { catalogId: number; named: Map<string, PriceClass>; paths: PathClass[]; byCategory: Array<PathClass[] | undefined> }

async function computeNets(table: DocTable, classes: readonly PriceClass[]): Promise<Float64Array> {
  const nets = new Float64Array(table.size).fill(NaN);
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
    if (r % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    const group = byRevision.get(table.revisionId[r]!);
    if (!group || group.catalogId !== table.catalogId[r]) continue;
    const sku = table.sku[r]!;
    let chosen = group.named.size ? group.named.get(sku) : undefined;
    if (!chosen) {
      for (const path of fitting(group, table.category[r]!)) {
        if (path.except?.has(sku)) continue;
        chosen = path.c;
        break;
      }
    }
    if (chosen) nets[r] = netOfClass(chosen, table.listUnitMinor[r]!);
  }
  return nets;
}
