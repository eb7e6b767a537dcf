import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users, type Role } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can, ROLES_OF_ORG_KIND } from '#features/auth/authorize.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { accountLinkUrl, createAccountLink } from './account-links.server.ts';
import { deliverAccountLink } from './deliver-account-link.ts';
import { findOrganization } from './find-organization.server.ts';
import { AccountNotFound, AccountProblem } from './account-problem.ts';

export interface Invitation { url: string; email: string; orgName: string; role: Role; expiresAt: string }
export interface RequestMeta { ip: string | null; at: Date; origin: string }

/**
 * Invites a person to an organization with a role. The role must fit the organization's kind,
 * and the inviter must be allowed to invite to it (admins anywhere, sales buyers to customers).
 */
export async function invitePerson(db: Db, inviter: SessionUser, input: { email: string; orgId: number; role: Role }, meta: RequestMeta): Promise<Invitation> {
  const org = await findOrganization(db, input.orgId);
  if (!org) throw new AccountProblem('Choose an organization from the list.', 'orgId');
  const roles = ROLES_OF_ORG_KIND[org.kind];
  if (!roles.includes(input.role)) throw new AccountProblem(`People of ${org.name} (a ${org.kind} organization) can only be: ${roles.join(' or ')}.`, 'role');
  if (!can(inviter, { do: 'invite', orgKind: org.kind, role: input.role })) throw new AccountNotFound('organization');

  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) throw new AccountProblem('There is already an account with this email.', 'email');

  const { token, link } = await createAccountLink(db, { purpose: 'invite', email, orgId: org.id, role: input.role, userId: null, createdBy: inviter.id }, meta.at);
  await recordAuditEvent(db, {
    kind: 'invitation-created', actor: inviter, ip: meta.ip, subject: userSubject(email), at: meta.at,
    detail: { organization: org.name, role: input.role, expiresAt: link.expiresAt },
  });
  const url = deliverAccountLink({ url: accountLinkUrl(meta.origin, token), email, purpose: 'invite', expiresAt: link.expiresAt });
  return { url, email, orgName: org.name, role: input.role, expiresAt: link.expiresAt };
}
