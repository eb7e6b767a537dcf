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

async function computeNets(table: DocTable, classes: readonly PriceClass[]): Promise<Float64Array> {
  const nets = new Float64Array(table.size).fill(NaN);
  // Per catalog and revision: the named SKUs' classes, then the path classes in order.
  const byRevision = new Map<string, { named: Map<string, PriceClass>; paths: PriceClass[] }>();
  for (const c of classes) {
    const k = `${c.catalogId}:${c.revisionId}`;
    let group = byRevision.get(k);
    if (!group) byRevision.set(k, group = { named: new Map(), paths: [] });
    if (c.sku !== null) { if (!group.named.has(c.sku)) group.named.set(c.sku, c); } else group.paths.push(c);
  }
  // Whether a category is in a path class, asked once per category and class.
  const fits = new Map<PriceClass, Map<number, boolean>>();
  const inPathClass = (c: PriceClass, category: number): boolean => {
    let known = fits.get(c);
    if (!known) fits.set(c, known = new Map());
    let fit = known.get(category);
    if (fit === undefined) {
      const path = table.categories[category]!;
      fit = (c.underPath === null || isWithin(path, c.underPath)) && !c.notUnder.some((p) => isWithin(path, p));
      known.set(category, fit);
    }
    return fit;
  };
  for (let r = 0; r < table.size; r++) {
    if (r % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    const group = byRevision.get(`${table.catalogId[r]}:${table.revisionId[r]}`);
    if (!group) continue;
    const sku = table.sku[r]!;
    let chosen = group.named.get(sku);
    if (!chosen) {
      for (const c of group.paths) {
        if (c.exceptSkus.length && c.exceptSkus.includes(sku)) continue;
        if (inPathClass(c, table.category[r]!)) { chosen = c; break; }
      }
    }
    if (chosen) nets[r] = netOfClass(chosen, table.listUnitMinor[r]!);
  }
  return nets;
}
