import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { invalidateUserSessions } from '#features/auth/sessions.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { endUserApiTokens } from '#features/auth/end-user-api-tokens.server.ts';
import { getUserWithOrg } from './find-user.server.ts';

interface Meta { ip: string | null; at: Date }

/**
 * Disables (every session and API token ends at once; sign-in is refused) or enables a user.
 * Authorization is the caller's: can(actor, { do: 'manage-user', userId }).
 */
export async function setUserDisabled(db: Db, actor: SessionUser, userId: number, disabled: boolean, meta: Meta): Promise<{ email: string; changed: boolean }> {
  const { user } = await getUserWithOrg(db, userId);
  if (Boolean(user.disabledAt) === disabled) return { email: user.email, changed: false };
  await db.update(users).set({ disabledAt: disabled ? meta.at.toISOString() : null }).where(eq(users.id, userId));
  if (disabled) {
    await invalidateUserSessions(db, userId);
    await endUserApiTokens(db, userId, meta.at); // for good: enabling the account again brings none back
  }
  await recordAuditEvent(db, { kind: disabled ? 'user-disabled' : 'user-enabled', actor, ip: meta.ip, subject: userSubject(user.email), at: meta.at });
  return { email: user.email, changed: true };
}
