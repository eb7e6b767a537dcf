import { asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations } from '#db/schema/index.ts';

/** The customers a connection may be made for, by name. */
export async function listCustomerChoices(db: Db): Promise<Array<{ id: number; name: string }>> {
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.kind, 'customer')).orderBy(asc(organizations.name));
}
