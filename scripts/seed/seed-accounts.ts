import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, users, operatorSettings } from '#db/schema/index.ts';
import { createOrganization } from '#features/accounts/create-organization.server.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';
import { DEMO_ORGS, DEMO_USERS, DEMO_PASSWORD } from './demo-accounts.ts';

/** Creates the demo organizations and people that are missing; leaves existing ones alone. */
export async function seedAccounts(db: Db): Promise<Map<string, number>> {
  const orgIds = new Map<string, number>();
  for (const o of DEMO_ORGS) {
    const [found] = await db.select().from(organizations).where(eq(organizations.slug, o.slug)).limit(1);
    orgIds.set(o.slug, (found ?? (await createOrganization(db, o))).id);
  }
  for (const u of DEMO_USERS) {
    const [found] = await db.select({ id: users.id }).from(users).where(eq(users.email, u.email)).limit(1);
    if (!found) await createUserWithPassword(db, { orgId: orgIds.get(u.org)!, email: u.email, name: u.name, role: u.role, password: DEMO_PASSWORD });
  }
  // The demo operator's name and contact, as an admin would set them at /admin/settings.
  const operator = DEMO_ORGS.find((o) => o.kind === 'operator')!;
  await db.insert(operatorSettings).values({ id: 1, name: operator.name, contactEmail: 'partners@northwind.test', updatedAt: new Date().toISOString() }).onConflictDoNothing();
  return orgIds;
}
