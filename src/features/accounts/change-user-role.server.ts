import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users, type Role } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { ROLES_OF_ORG_KIND } from '#features/auth/authorize.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { getUserWithOrg } from './find-user.server.ts';
import { AccountProblem } from './account-problem.ts';

interface Meta { ip: string | null; at: Date }

/**
 * Gives a user another role that fits their organization's kind. The role is read on every
 * request, so it applies at once. Authorization is the caller's: can(actor, { do: 'manage-user', userId }).
 */
export async function changeUserRole(db: Db, actor: SessionUser, userId: number, role: Role, meta: Meta): Promise<{ email: string; changed: boolean }> {
  const { user, orgKind, orgName } = await getUserWithOrg(db, userId);
  const roles = ROLES_OF_ORG_KIND[orgKind];
  if (!roles.includes(role)) throw new AccountProblem(`People of ${orgName} can only be: ${roles.join(' or ')}.`, 'role');
  if (user.role === role) return { email: user.email, changed: false };
  await db.update(users).set({ role }).where(eq(users.id, userId));
  await recordAuditEvent(db, { kind: 'role-changed', actor, ip: meta.ip, subject: userSubject(user.email), at: meta.at, detail: { from: user.role, to: role } });
  return { email: user.email, changed: true };
}
