// Before the load: each buyer's demo categories, found by following the links of their
// catalog pages as a person would, and a check that the leak oracle's price model agrees with
// real product pages for both customers (and that those pages carry no leak), so a marker the
// oracle looks for is a price the other customer really sees.
import { CATALOG_SLUG } from '../catalog-fixture.ts';
import { expectedUnitPrice, modelAmounts, productPageAmounts, type Customer, type LeakOracle, type SharedItem } from './leak-oracle.ts';
import { FASTENER_CATEGORIES } from './traffic.ts';
import { FASTENERS_SLUG } from './world.ts';

async function page(origin: string, cookie: string, path: string): Promise<string> {
  const res = await fetch(origin + path, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`preflight: ${path} answered ${res.status}`);
  return body;
}

/** Category URLs of the demo catalogs the buyer's catalog list links to (not the bench catalog). */
export async function demoCategories(origin: string, cookie: string): Promise<string[]> {
  const home = await page(origin, cookie, '/catalogs');
  const slugs = [...new Set([...home.matchAll(/href="\/catalogs\/([a-z0-9-]+)"/g)].map((m) => m[1]!))].filter((s) => s !== CATALOG_SLUG);
  const found: string[] = [];
  for (const slug of slugs) {
    if (slug === FASTENERS_SLUG) {
      // Only categories that stay when Acme's new list goes live mid-run.
      for (const path of FASTENER_CATEGORIES) found.push(`/catalogs/${slug}/${path}`);
      continue;
    }
    const body = await page(origin, cookie, `/catalogs/${slug}`);
    const links = [...body.matchAll(new RegExp(`href="(/catalogs/${slug}/[a-z0-9/-]+)"`, 'g'))].map((m) => m[1]!).filter((p) => !/\/(print|export)/.test(p));
    found.push(...new Set(links));
  }
  for (const path of found) await page(origin, cookie, path);
  if (found.length === 0) throw new Error('preflight: no demo category links found');
  return found;
}

/** Product pages of sampled items both customers see: each shows the model's price for its customer, and no leak. */
export async function checkModel(origin: string, cookies: Record<Customer, string>, shared: readonly SharedItem[], oracle: LeakOracle): Promise<number> {
  const both = shared.filter((i) => modelAmounts('globex', i) && modelAmounts('initech', i));
  const sample = [...both.filter((i) => i.catalog === 'indoor').slice(0, 6), ...Array.from({ length: 12 }, (_, k) => both[Math.floor((k * both.length) / 12)]!)];
  sample.push(...both.filter((i) => i.tierPrices.length > 0).slice(0, 2), ...both.filter((i) => modelAmounts('globex', i)![0] === 999).slice(0, 1));
  for (const item of sample) {
    for (const customer of ['globex', 'initech'] as const) {
      const slug = item.catalog === 'bench' ? CATALOG_SLUG : 'indoor-lighting-2027';
      const body = await page(origin, cookies[customer], `/products/${slug}/${encodeURIComponent(item.sku)}`);
      const expected = expectedUnitPrice(customer, item)!;
      if (!productPageAmounts(body, item.sku).includes(expected)) {
        throw new Error(`preflight: the leak oracle's price model expects ${expected} for ${customer} on ${item.sku}; the page shows ${productPageAmounts(body, item.sku).join(', ')}`);
      }
      const leaks = oracle.leaks(customer, body);
      if (leaks.length) throw new Error(`preflight: ${customer}'s page of ${item.sku} already leaks: ${leaks.join('; ')}`);
    }
  }
  return sample.length;
}
