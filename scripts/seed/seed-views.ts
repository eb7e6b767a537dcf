import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, customerViews, items, users, type ViewRules } from '#db/schema/index.ts';
import { publishView } from '#features/views/publish-view.server.ts';

async function catalogBySlug(db: Db, slug: string) {
  const [c] = await db.select().from(catalogs).where(eq(catalogs.slug, slug)).limit(1);
  if (!c?.liveRevisionId) throw new Error(`demo catalog ${slug} is missing or has no live revision`);
  return c as typeof c & { liveRevisionId: number };
}

/** Globex and Initech each get a published view: different catalogs, different prices. */
export async function seedViews(db: Db, orgIds: Map<string, number>, now: Date): Promise<void> {
  const fasteners = await catalogBySlug(db, 'fasteners-2027');
  const indoor = await catalogBySlug(db, 'indoor-lighting-2027');
  const outdoor = await catalogBySlug(db, 'outdoor-lighting-and-controls-2027');
  const [fixedItem] = await db.select({ sku: items.sku, priceMinor: items.priceMinor }).from(items)
    .where(and(eq(items.revisionId, fasteners.liveRevisionId), eq(items.categoryPath, 'Screws > Wood screws > Countersunk'))).orderBy(asc(items.sku)).limit(1);
  const [sales] = await db.select().from(users).where(eq(users.email, 'sales@vitrine.test')).limit(1);

  const plans: Array<{ org: string; name: string; note: string; rules: ViewRules }> = [
    {
      org: 'globex-manufacturing', name: 'Globex framework agreement 2027', note: 'Agreed with Globex purchasing, renewed yearly.',
      rules: { catalogs: [
        { catalogId: fasteners.id, percentOff: 10, categoryPercentOff: [{ categoryPath: 'Anchors', percentOff: 15 }],
          fixedPrices: fixedItem ? [{ sku: fixedItem.sku, priceMinor: Math.round(fixedItem.priceMinor * 0.7) }] : [] },
        { catalogId: indoor.id, percentOff: 5, excludeCategories: ['Lamps > LED tubes'] },
      ] },
    },
    {
      org: 'initech', name: 'Initech office lighting', note: 'Lighting only; no fasteners.',
      rules: { catalogs: [
        { catalogId: indoor.id, percentOff: 8 },
        { catalogId: outdoor.id, percentOff: 3, excludeCategories: ['Emergency'] },
      ] },
    },
  ];
  for (const p of plans) {
    const orgId = orgIds.get(p.org)!;
    const [existing] = await db.select({ id: customerViews.id }).from(customerViews).where(eq(customerViews.customerOrgId, orgId)).limit(1);
    if (existing) continue;
    const [view] = await db.insert(customerViews).values({ customerOrgId: orgId, name: p.name, note: p.note, draftRules: p.rules, updatedAt: now.toISOString(), updatedBy: sales?.id ?? null }).returning();
    await publishView(db, view!.id, { id: sales?.id ?? null, email: sales?.email ?? null }, now);
  }
}
