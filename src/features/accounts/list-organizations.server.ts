import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users, type OrgKind } from '#db/schema/index.ts';

/** Organizations with the number of people in each, by kind then name. */
export async function listOrganizations(db: Db, kinds?: OrgKind[]) {
  const rows = await db.select({
    id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind,
    requiresApproval: organizations.requiresApproval, createdAt: organizations.createdAt,
    people: sql<number>`(SELECT count(*) FROM ${users} WHERE ${users.orgId} = ${organizations.id})`,
  }).from(organizations).orderBy(asc(organizations.kind), asc(organizations.name));
  return kinds ? rows.filter((o) => kinds.includes(o.kind)) : rows;
}

export type OrganizationRow = Awaited<ReturnType<typeof listOrganizations>>[number];

export async function organizationNameTaken(db: Db, name: string): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(sql`lower(${organizations.name})`, name.trim().toLowerCase())).limit(1);
  return Boolean(row);
}
