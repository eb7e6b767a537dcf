import { eq, like } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs } from '#db/schema/index.ts';
import { slugify } from '#kernel/slugify.ts';

export const CURRENCY = /^[A-Z]{3}$/;

/** Creates an empty catalog for a supplier; its slug is unique across Vitrine. */
export async function createCatalog(db: Db, input: { supplierOrgId: number; name: string; currency: string }, now: Date = new Date()) {
  if (!CURRENCY.test(input.currency)) throw new Error(`"${input.currency}" is not an ISO 4217 currency code such as EUR or USD.`);
  const base = slugify(input.name);
  const taken = new Set((await db.select({ slug: catalogs.slug }).from(catalogs).where(like(catalogs.slug, `${base}%`))).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const [row] = await db.insert(catalogs).values({ supplierOrgId: input.supplierOrgId, name: input.name.trim(), slug, currency: input.currency, createdAt: now.toISOString() }).returning();
  return row!;
}

export async function getCatalogBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(catalogs).where(eq(catalogs.slug, slug)).limit(1);
  return row ?? null;
}
