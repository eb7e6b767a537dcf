import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations } from '#db/schema/index.ts';

export type Organization = typeof organizations.$inferSelect;

export async function findOrganization(db: Db, id: number): Promise<Organization | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}
