import { eq } from 'drizzle-orm';
import { openTempDatabase, type TempDatabase } from '#tests/support/temp-database.ts';
import { seedAccounts } from '#seed/seed-accounts.ts';
import { DEMO_USERS } from '#seed/demo-accounts.ts';
import { organizations, users } from '#db/schema/index.ts';
import type { Db } from '#db/client.ts';
import { toSessionUser, type SessionUser } from '#features/auth/session-user.ts';

export type DemoEmail = (typeof DEMO_USERS)[number]['email'];
export interface DemoWorld extends TempDatabase { db: Db; orgIds: Map<string, number>; user(email: string): Promise<SessionUser> }

/** A real migrated libSQL file with the demo organizations and people (password `vitrine-demo`). */
export async function openDemoWorld(): Promise<DemoWorld> {
  const temp = await openTempDatabase();
  const db = temp.database.db;
  const orgIds = await seedAccounts(db);
  return {
    ...temp, db, orgIds,
    async user(email: string) {
      const [row] = await db.select({ u: users, o: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.email, email)).limit(1);
      if (!row) throw new Error(`no user ${email}`);
      return toSessionUser(row.u, row.o);
    },
  };
}

export const meta = (at: Date, ip = '192.0.2.10') => ({ ip, at, origin: 'http://vitrine.test' });
