import { asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users } from '#db/schema/index.ts';

export async function listUsers(db: Db) {
  return db.select({
    id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, createdAt: users.createdAt,
    orgId: organizations.id, orgName: organizations.name, orgKind: organizations.kind,
  }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).orderBy(asc(organizations.name), asc(users.name));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
