import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users } from '#db/schema/index.ts';
import { AccountNotFound } from './account-problem.ts';

/** A user with the kind of their organization, or AccountNotFound. */
export async function getUserWithOrg(db: Db, userId: number) {
  const [row] = await db.select({ user: users, orgKind: organizations.kind, orgName: organizations.name })
    .from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.id, userId)).limit(1);
  if (!row) throw new AccountNotFound('user');
  return row;
}
