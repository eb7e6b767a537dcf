import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users } from '#db/schema/index.ts';

export interface WhomToAsk { operator: string; contacts: Array<{ name: string; email: string }> }

/** The operator and its sales staff: the people who publish what a customer sees. */
export async function whomToAsk(db: Db): Promise<WhomToAsk> {
  const [operator] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.kind, 'operator')).limit(1);
  const contacts = await db.select({ name: users.name, email: users.email }).from(users)
    .where(and(eq(users.role, 'sales'), isNull(users.disabledAt))).orderBy(asc(users.name)).limit(5);
  return { operator: operator?.name ?? 'the operator', contacts };
}
