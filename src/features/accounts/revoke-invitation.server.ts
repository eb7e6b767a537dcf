import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks, organizations } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can } from '#features/auth/authorize.ts';
import { auditEventInsert } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { AccountNotFound } from './account-problem.ts';

/**
 * Takes back an invitation not yet accepted: its link stops working at once. Whoever may invite
 * to that organization and role may revoke it (admins any, sales buyers of customers); anything
 * else answers as if it did not exist.
 */
export async function revokeInvitation(db: Db, actor: SessionUser, linkId: string, meta: { ip: string | null; at: Date }): Promise<{ email: string; orgName: string }> {
  const [link] = await db.select({ id: accountLinks.id, email: accountLinks.email, role: accountLinks.role, orgName: organizations.name, orgKind: organizations.kind })
    .from(accountLinks).innerJoin(organizations, eq(organizations.id, accountLinks.orgId))
    .where(and(eq(accountLinks.id, linkId), eq(accountLinks.purpose, 'invite'), isNull(accountLinks.usedAt))).limit(1);
  if (!link || !can(actor, { do: 'invite', orgKind: link.orgKind, role: link.role })) throw new AccountNotFound('invitation');
  await db.batch([
    db.delete(accountLinks).where(and(eq(accountLinks.id, link.id), isNull(accountLinks.usedAt))),
    auditEventInsert(db, { kind: 'invitation-revoked', actor, ip: meta.ip, subject: userSubject(link.email), at: meta.at, detail: { organization: link.orgName, role: link.role } }),
  ]);
  return { email: link.email, orgName: link.orgName };
}
