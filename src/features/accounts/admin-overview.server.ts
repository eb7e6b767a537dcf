import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users, catalogs } from '#db/schema/index.ts';

export async function getAdminOverview(db: Db) {
  const [o] = await db.select({ n: sql<number>`count(*)` }).from(organizations);
  const [u] = await db.select({ n: sql<number>`count(*)` }).from(users);
  const [c] = await db.select({ n: sql<number>`count(*)` }).from(catalogs);
  return { organizations: o?.n ?? 0, users: u?.n ?? 0, catalogs: c?.n ?? 0 };
}
