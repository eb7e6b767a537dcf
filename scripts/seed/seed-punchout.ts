import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { punchoutConnections, users } from '#db/schema/index.ts';
import { createUserWithPassword } from '#features/accounts/create-user.server.ts';
import { createConnection } from '#features/punchout/connections.server.ts';
import { DEMO_PUNCHOUT, DEMO_PUNCHOUT_SECRET, DEMO_RETURN_HOSTS } from './demo-punchout.ts';

/**
 * Each demo connection with its dedicated buyer (a password nobody knows: the account is only
 * ever used through punchout sessions). Leaves existing ones alone.
 */
export async function seedPunchout(db: Db, orgIds: Map<string, number>, now: Date): Promise<void> {
  for (const c of DEMO_PUNCHOUT) {
    const orgId = orgIds.get(c.customer)!;
    const [buyer] = await db.select({ id: users.id }).from(users).where(eq(users.email, c.buyerEmail)).limit(1);
    if (!buyer) await createUserWithPassword(db, { orgId, email: c.buyerEmail, name: c.buyerName, role: 'buyer', password: randomBytes(24).toString('base64url') }, now);
    const [found] = await db.select({ id: punchoutConnections.id }).from(punchoutConnections).where(eq(punchoutConnections.identity, c.identity)).limit(1);
    if (found) continue;
    await createConnection(db, {
      customerOrgId: orgId, systemName: c.systemName, protocol: c.protocol, identity: c.identity, buyerEmail: c.buyerEmail,
      returnHosts: DEMO_RETURN_HOSTS, secret: DEMO_PUNCHOUT_SECRET,
    }, { id: null, email: 'demo seed' }, now);
  }
}
