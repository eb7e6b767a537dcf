import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users, type Role, accountLinks } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { can, ROLES_OF_ORG_KIND } from '#features/auth/authorize.ts';
import { auditEventInsert } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { accountLinkUrl, newAccountLink } from './account-links.server.ts';
import { accountLinkMail } from './deliver-account-link.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { writeWithMails } from '#features/mail/mail-outbox.server.ts';
import { mailIsSent } from '#features/mail/mail-config.ts';
import { findOrganization } from './find-organization.server.ts';
import { AccountNotFound, AccountProblem } from './account-problem.ts';

/** `url` is null when the invitation went out by mail (SMTP_URL set); otherwise the inviter passes it on. */
export interface Invitation { url: string | null; email: string; orgName: string; role: Role; expiresAt: string }
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

  const { token, values: link } = newAccountLink({ purpose: 'invite', email, orgId: org.id, role: input.role, userId: null, createdBy: inviter.id }, meta.at);
  const url = accountLinkUrl(meta.origin, token);
  const brand = await operatorBrand(db);
  // The link, its audit event and the mail carrying it: all or nothing.
  await writeWithMails(db, [
    db.insert(accountLinks).values(link),
    auditEventInsert(db, {
      kind: 'invitation-created', actor: inviter, ip: meta.ip, subject: userSubject(email), at: meta.at,
      detail: { organization: org.name, role: input.role, expiresAt: link.expiresAt },
    }),
  ], [accountLinkMail(brand.name, { url, email, purpose: 'invite', expiresAt: link.expiresAt, orgName: org.name, role: input.role })], meta.at);
  return { url: mailIsSent() ? null : url, email, orgName: org.name, role: input.role, expiresAt: link.expiresAt };
}
