// Decides by content whether a page shown to one customer carries something only the other
// customer may see: the other's name or catalogs, SKUs or categories outside the customer's
// views, or — beside an item both see — the other's net price. The prices come from a model of
// the two views written here from their rules (bench/load/world.ts, db/seed/seed-views.ts,
// bench/catalog-fixture.ts), not from the pricing module under test; checkModel() confirms
// the model against real pages before the load starts, so a marker is never a guess.
import { formatMoney } from '#kernel/money/format-money.ts';
import { CATALOG_SLUG } from '../catalog-fixture.ts';
import { GLOBEX_ONLY_RANGES, INITECH_ONLY_LEAF, INITECH_PERCENT_OFF } from './world.ts';

export type Customer = 'globex' | 'initech';
export const CUSTOMERS: readonly Customer[] = ['globex', 'initech'];
export const other = (c: Customer): Customer => (c === 'globex' ? 'initech' : 'globex');

/** One item of the bench or the indoor catalog as stored: both customers may see some of them. */
export interface SharedItem { sku: string; catalog: 'bench' | 'indoor'; categoryPath: string; priceMinor: number; tierPrices: number[] }

// Fixed net prices in Globex's bench view (bench/catalog-fixture.ts): 50 SKUs at 999.
const GLOBEX_FIXED = new Set(Array.from({ length: 50 }, (_, i) => `BH-${String(i * 1999).padStart(6, '0')}`));
const INDOOR_HIDDEN_FROM_GLOBEX = 'Lamps > LED tubes';

/** Names only one customer's pages may carry (header, catalog names, catalog URLs, category URLs and paths). */
const ONLY_FOR: Record<Customer, string[]> = {
  globex: ['Globex', 'Fasteners 2027', '/catalogs/fasteners-2027', ...GLOBEX_ONLY_RANGES.flatMap((r) => [`Range ${String(r).padStart(2, '0')}`, `/${CATALOG_SLUG}/range-${String(r).padStart(2, '0')}`])],
  initech: ['Initech', 'Outdoor Lighting and Controls 2027', '/catalogs/outdoor-lighting-and-controls-2027', `/${CATALOG_SLUG}/range-19/family-09`, 'Range 19 &gt; Family 09', 'Range 19 > Family 09'],
};

const SKU = /\b(?:BH|BLO|BL|AF)-[A-Z0-9]+(?:-[A-Z0-9]+)*/g;
const AMOUNT = /€[\d,]+\.\d\d/g;

/** Half-up percentage off in integer minor units (the documented rule, written independently). */
const off = (minor: number, percent: number) => Math.floor((minor * (100 - percent) + 50) / 100);

const rangeOf = (path: string) => Number(/^Range (\d\d) > Family (\d\d)/.exec(path)?.[1] ?? NaN);
const familyOf = (path: string) => Number(/^Range \d\d > Family (\d\d)/.exec(path)?.[1] ?? NaN);

/** The net amounts (unit, then quantity breaks) a customer sees for an item, or null when it is not in their views. */
export function modelAmounts(customer: Customer, item: SharedItem): number[] | null {
  if (item.catalog === 'indoor') {
    if (customer === 'globex') return item.categoryPath.startsWith(INDOOR_HIDDEN_FROM_GLOBEX) ? null : [item.priceMinor, ...item.tierPrices].map((p) => off(p, 5));
    return [item.priceMinor, ...item.tierPrices].map((p) => off(p, 8));
  }
  const range = rangeOf(item.categoryPath);
  if (customer === 'initech') return GLOBEX_ONLY_RANGES.includes(range) ? null : [item.priceMinor, ...item.tierPrices].map((p) => off(p, INITECH_PERCENT_OFF));
  if (range === INITECH_ONLY_LEAF.top && familyOf(item.categoryPath) === INITECH_ONLY_LEAF.leaf) return null;
  if (GLOBEX_FIXED.has(item.sku)) return [999];
  return [item.priceMinor, ...item.tierPrices].map((p) => off(p, 5 + (range % 10)));
}

/** SKUs a customer must never see, beyond the shared items the model decides. */
function skuForbidden(customer: Customer, sku: string): boolean {
  if (customer === 'initech') return sku.startsWith('AF-');
  return sku.startsWith('BLO-');
}

export interface LeakOracle {
  /**
   * Every leak in a body shown to `customer`, as short descriptions (empty: none). `typed` is
   * the search the person typed: the page may repeat it (title, search box, "No items match"),
   * which is no leak; anywhere else, as in a hit, it counts.
   */
  leaks(customer: Customer, body: string, typed?: string): string[];
  item(sku: string): SharedItem | undefined;
}

export function createLeakOracle(shared: readonly SharedItem[]): LeakOracle {
  const bySku = new Map(shared.map((i) => [i.sku, i]));
  const markerCache = new Map<string, Set<string>>();
  const eur = (minor: number) => formatMoney(minor, 'EUR');

  /** The other customer's amounts for this item that this customer never legitimately sees beside it. */
  function priceMarkers(customer: Customer, item: SharedItem): Set<string> {
    const key = `${customer}:${item.sku}`;
    let markers = markerCache.get(key);
    if (!markers) {
      const own = new Set([item.priceMinor, ...item.tierPrices, ...(modelAmounts(customer, item) ?? [])].map(eur));
      markers = new Set((modelAmounts(other(customer), item) ?? []).map(eur).filter((a) => !own.has(a)));
      markerCache.set(key, markers);
    }
    return markers;
  }

  function leaks(customer: Customer, page: string, typed?: string): string[] {
    const found: string[] = [];
    const body = typed ? withoutEcho(page, typed) : page;
    for (const name of ONLY_FOR[other(customer)]) if (body.includes(name)) found.push(`name "${name}"`);
    // Each item's region runs from its SKU to the next different SKU: its row, card or hit.
    const matches = [...body.matchAll(SKU)];
    for (let m = 0; m < matches.length; m++) {
      const sku = matches[m]![0];
      if (m > 0 && matches[m - 1]![0] === sku) continue;
      const item = bySku.get(sku);
      if (skuForbidden(customer, sku) || (item && modelAmounts(customer, item) === null)) {
        found.push(`SKU ${sku}`);
        continue;
      }
      if (!item) continue;
      let end = m + 1;
      while (end < matches.length && matches[end]![0] === sku) end++;
      const region = body.slice(matches[m]!.index, end < matches.length ? matches[end]!.index : body.length);
      const markers = priceMarkers(customer, item);
      for (const amount of region.match(AMOUNT) ?? []) if (markers.has(amount)) found.push(`${other(customer)}'s price ${amount} for ${sku}`);
    }
    return found;
  }

  return { leaks, item: (sku) => bySku.get(sku) };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The page without the places that repeat what the person typed into the search box. */
function withoutEcho(page: string, typed: string): string {
  const q = escapeHtml(typed.trim());
  return page.replaceAll(`Search: ${q} ·`, '').replaceAll(`value="${q}"`, '').replaceAll(`“${q}”`, '');
}

/** The customer's own unit net price as the page should show it: checkModel compares it with real pages. */
export function expectedUnitPrice(customer: Customer, item: SharedItem): string | null {
  const amounts = modelAmounts(customer, item);
  return amounts ? formatMoney(amounts[0]!, 'EUR') : null;
}

/** Amounts in a product page's own region (from its first SKU to the first related item). */
export function productPageAmounts(body: string, sku: string): string[] {
  const start = body.indexOf(sku);
  if (start < 0) return [];
  const rest = body.slice(start);
  const next = [...rest.matchAll(SKU)].find((m) => m[0] !== sku);
  return rest.slice(0, next?.index ?? rest.length).match(AMOUNT) ?? [];
}
