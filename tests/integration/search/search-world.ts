import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openWorld, type World } from '#tests/support/world.ts';
import type { Db } from '#db/client.ts';
import type { ViewRules } from '#db/schema/views.ts';
import { customerViews } from '#db/schema/index.ts';
import { createOrganization } from '#features/accounts/create-organization.server.ts';
import { createCatalog } from '#features/catalogs/create-catalog.server.ts';
import { publishView } from '#features/views/publish-view.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext, type BrowseContext } from '#features/visibility/browse-context.server.ts';
import { buildSearchScope, type BuyerSearchScope } from '#features/search/search-scope.server.ts';

// The contract suite's world, built through the real upload pipeline: two suppliers, three
// catalogs, two customers with different views. Prices in EUR.

export type Row = [sku: string, name: string, category: string, price: string, manufacturer: string, mpn?: string, gtin?: string, description?: string];

export const TOOLS: Row[] = [
  ['A-100', 'Cordless screwdriver 12 V', 'Tools > Screwdrivers > Cordless', '89.90', 'Bosch', 'CS-12V', '4006381333931', 'Compact cordless screwdriver with two batteries and a case.'],
  ['A-101', 'Cordless drill 18 V', 'Tools > Drills > Cordless', '129.00', 'Makita', 'DD-18', '', 'Cordless drill driver, brushless motor.'],
  ['C-300', 'Hammer drill SDS-plus', 'Tools > Drills > Hammer', '199.00', 'Bosch', 'GBH-2', '', 'Hammer drill for concrete and masonry.'],
  ['B-200', 'Screwdriver set, 6 pieces', 'Hand tools > Screwdrivers', '24.50', 'Wera', 'KK-6', '', 'Slotted and Phillips screwdrivers in a roll.'],
  ['B-201', 'Precision screwdriver', 'Hand tools > Screwdrivers', '9.95', 'Wera', 'PS-1', '', 'For electronics work.'],
  ['S-900', 'Secret prototype driver', 'Prototypes', '999.00', 'Bosch', 'PROTO-1', '', 'Not for customers yet.'],
  ['X-1', '<img src=x onerror=alert(1)> Safety glasses', 'Safety', '12.00', 'Uvex', 'SG-1', '', 'Clear lens <b>anti-fog</b>.'],
  ...Array.from({ length: 30 }, (_, i): Row => [`D-${String(i + 1).padStart(3, '0')}`, `Drill bit HSS ${(i + 1) / 2} mm`, 'Accessories > Drill bits', `${(1 + i * 0.35).toFixed(2)}`, i % 2 ? 'Bosch' : 'Makita', `DB-${i + 1}`]),
];

export const LIGHTING: Row[] = [
  ['L-10', 'LED floodlight 20 W', 'Outdoor > Floodlights', '31.00', 'Lumen'],
  ['L-11', 'Cordless work light', 'Outdoor > Work lights', '45.00', 'Lumen', 'WL-1'],
  ['L-12', 'Emergency exit sign', 'Emergency', '60.00', 'Lumen'],
];

export const HIDDEN: Row[] = [['H-1', 'Cordless secret screwdriver', 'Tools > Screwdrivers', '50.00', 'Hidden Co', 'SECRET-1']];

const HEADER = ['SKU', 'Name', 'Category', 'Price', 'Manufacturer', 'MPN', 'GTIN', 'Description'];
const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export interface SearchWorld extends World {
  ids: { tools: number; lighting: number; hidden: number; toolmakers: number; lumen: number; buyer: number; other: number };
  /** Publishes rows as a new revision of a catalog, through upload → ready → publish. */
  publish(catalogId: number, rows: Row[]): Promise<number>;
  scopeOf(customer: 'buyer' | 'other', at?: Date): Promise<BuyerSearchScope & { ctx: BrowseContext }>;
}

export async function openSearchWorld(): Promise<SearchWorld> {
  const t = await openWorld('empty');
  const { db } = t;
  let files = 0;
  const publish = async (catalogId: number, rows: Row[]) => {
    const path = join(t.dir, `upload-${++files}.csv`);
    writeFileSync(path, [HEADER, ...rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5] ?? '', r[6] ?? '', r[7] ?? ''])].map((r) => r.map(cell).join(',')).join('\n'));
    const { outcome, revision } = await t.readRevision(catalogId, path, 'prices.csv');
    if (outcome.state !== 'ready' || outcome.errorCount) throw new Error(`fixture upload failed: ${JSON.stringify(outcome)}`);
    await t.makeLive(revision.id);
    return revision.id;
  };
  const toolmakers = await createOrganization(db, { name: 'Toolmakers', kind: 'supplier' });
  const lumen = await createOrganization(db, { name: 'Lumen Lighting', kind: 'supplier' });
  const buyer = await createOrganization(db, { name: 'Buyer Co', kind: 'customer' });
  const other = await createOrganization(db, { name: 'Other Co', kind: 'customer' });
  const tools = await createCatalog(db, { supplierOrgId: toolmakers.id, name: 'Power Tools 2027', currency: 'EUR' });
  const lighting = await createCatalog(db, { supplierOrgId: lumen.id, name: 'Lighting 2027', currency: 'EUR' });
  const hidden = await createCatalog(db, { supplierOrgId: toolmakers.id, name: 'Hidden Tools', currency: 'EUR' });
  await publish(tools.id, TOOLS);
  await publish(lighting.id, LIGHTING);
  await publish(hidden.id, HIDDEN);
  const view = async (orgId: number, rules: ViewRules) => {
    const [v] = await db.insert(customerViews).values({ customerOrgId: orgId, name: 'Agreement', draftRules: rules, updatedAt: new Date().toISOString() }).returning();
    await publishView(db, v!.id, { id: null, email: null }, new Date());
  };
  await view(buyer.id, { catalogs: [
    { catalogId: tools.id, percentOff: 10, excludeCategories: ['Prototypes'], categoryPercentOff: [{ categoryPath: 'Hand tools', percentOff: 20 }], fixedPrices: [{ sku: 'B-201', priceMinor: 400 }] },
    { catalogId: lighting.id, percentOff: 5, excludeSkus: ['L-12'] },
  ] });
  await view(other.id, { catalogs: [{ catalogId: hidden.id }] });
  return {
    ...t, publish,
    ids: { tools: tools.id, lighting: lighting.id, hidden: hidden.id, toolmakers: toolmakers.id, lumen: lumen.id, buyer: buyer.id, other: other.id },
    async scopeOf(customer, at = new Date()) {
      const ctx = await openBrowseContext(db, await resolveBuyerScope(db, customer === 'buyer' ? buyer.id : other.id, at));
      return { ...(await buildSearchScope(db, ctx)), ctx };
    },
  };
}

export async function itemIdOf(db: Db, catalogId: number, sku: string): Promise<number> {
  const [row] = await db.all<{ id: number }>(sql`SELECT i.id FROM items i JOIN catalogs c ON c.live_revision_id = i.revision_id WHERE c.id = ${catalogId} AND i.sku = ${sku}`);
  if (!row) throw new Error(`no live item ${sku}`);
  return row.id;
}

/** The embedded index's generation as stored (read here, not through the engine's own reader). */
export async function storedGeneration(db: Db): Promise<number> {
  const [row] = await db.all<{ value: number }>(sql`SELECT value FROM search_fts_state WHERE key = 'generation'`);
  return row!.value;
}
