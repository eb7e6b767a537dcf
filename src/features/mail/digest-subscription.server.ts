import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';

export async function digestSubscription(db: Db, userId: number): Promise<boolean> {
  const [row] = await db.select({ on: users.digestOptIn }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.on ?? false;
}

/** A buyer turns the daily digest on (it tells what changes from now on) or off. */
export async function setDigestSubscription(db: Db, user: SessionUser, on: boolean, meta: { ip: string | null; at: Date }): Promise<void> {
  await db.update(users).set(on ? { digestOptIn: true, digestSince: meta.at.toISOString() } : { digestOptIn: false }).where(eq(users.id, user.id));
  await recordAuditEvent(db, { kind: 'digest-subscription-changed', actor: user, ip: meta.ip, at: meta.at, detail: { on } });
}
