// What the two customers' buyers ask for during the load: category pages (different
// categories, sorts, pages and layouts), product pages of items in their views, and searches —
// their own words, and words and SKUs of what only the other customer sees (those must find
// nothing). Deterministic per seed.
import { CATALOG_SLUG, LEAVES, leafUrl, PER_LEAF, TOP } from '../catalog-fixture.ts';
import { random } from '../import-data.ts';
import { modelAmounts, type Customer, type SharedItem } from './leak-oracle.ts';
import { GLOBEX_ONLY_RANGES, INITECH_ONLY_LEAF } from './world.ts';

export type Kind = 'category' | 'product' | 'search';
export const KINDS: readonly Kind[] = ['category', 'product', 'search'];

/**
 * Categories of "Fasteners 2027" that exist both in the demo list and in the list Acme
 * uploads mid-run (bench/import-data.ts), so Globex's category pages answer before and after.
 */
export const FASTENER_CATEGORIES = ['screws', 'screws/wood-screws/countersunk', 'screws/machine-screws', 'anchors', 'anchors/plastic-anchors/universal', 'washers', 'washers/flat-washers'];

const SORTS = ['', 'sku', 'price'];
const PAGES = PER_LEAF / 50;

export interface TrafficInput {
  /** Demo category URLs the customer's catalog pages link to (found by following links before the run). */
  demoCategories: string[];
  shared: readonly SharedItem[];
}

export type NextPath = () => string;

function query(params: Record<string, string | number | false>): string {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== false && v !== '').map(([k, v]) => [k, String(v)])).toString();
  return q ? `?${q}` : '';
}

function benchLeaves(customer: Customer): string[] {
  const leaves: string[] = [];
  for (let top = 0; top < TOP; top++) {
    for (let leaf = 0; leaf < LEAVES; leaf++) {
      if (customer === 'initech' && GLOBEX_ONLY_RANGES.includes(top)) continue;
      if (customer === 'globex' && top === INITECH_ONLY_LEAF.top && leaf === INITECH_ONLY_LEAF.leaf) continue;
      leaves.push(leafUrl(top, leaf));
    }
  }
  return leaves;
}

export function trafficFor(customer: Customer, input: TrafficInput, seed: number): Record<Kind, NextPath> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const leaves = benchLeaves(customer);
  const visible = input.shared.filter((item) => modelAmounts(customer, item) !== null);
  const invisible = input.shared.filter((item) => modelAmounts(customer, item) === null);
  const ownWords = customer === 'globex'
    ? ['hex bolt M6', 'wood screw', 'nylon anchor', 'washer', 'LED panel', 'downlight']
    : ['LED panel', 'floodlight', 'motion sensor', 'bollard', 'downlight'];
  const othersWords = customer === 'globex' ? ['floodlight', 'bollard', 'emergency'] : ['hex bolt', 'wood screw', 'anchor', 'washer DIN 125'];

  const category: NextPath = () => {
    const r = rnd();
    if (r < 0.15) return pick(input.demoCategories) + query({ sort: pick(SORTS), layout: rnd() < 0.3 && 'grid' });
    if (r < 0.2) return pick([`/catalogs`, `/catalogs/${CATALOG_SLUG}`]);
    return pick(leaves) + query({ sort: pick(SORTS), page: rnd() < 0.3 ? 1 : 1 + Math.floor(rnd() * PAGES), layout: rnd() < 0.3 && 'grid' });
  };
  const product: NextPath = () => {
    const item = pick(visible);
    return `/products/${item.catalog === 'bench' ? CATALOG_SLUG : 'indoor-lighting-2027'}/${encodeURIComponent(item.sku)}`;
  };
  const search: NextPath = () => {
    const r = rnd();
    let q: string;
    if (r < 0.3) q = `hardware part ${Math.floor(rnd() * 9973)}`;
    else if (r < 0.45) q = pick(visible).sku;
    else if (r < 0.55) q = pick(invisible).sku;
    else if (r < 0.75) q = pick(ownWords);
    else if (r < 0.9) q = pick(othersWords);
    else q = `finish ${pick(['brass', 'black', 'steel'])} size ${Math.floor(rnd() * 40)}`;
    return `/search${query({ q })}`;
  };
  return { category, product, search };
}
