import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { auditEventInsert } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { accountLinkUrl, newAccountLink } from './account-links.server.ts';
import { accountLinkMail } from './deliver-account-link.ts';
import { getUserWithOrg } from './find-user.server.ts';
import { AccountProblem } from './account-problem.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { writeWithMails } from '#features/mail/mail-outbox.server.ts';
import { mailIsSent } from '#features/mail/mail-config.ts';

interface Meta { ip: string | null; at: Date; origin: string }

/**
 * A single-use link, valid 7 days, with which the user sets a new password, mailed to them (in
 * the same batch as the link and its audit event). Earlier unused reset links of the user stop
 * working, so only the newest one is live. The link is returned for the admin to pass on only
 * when no SMTP server is set. Authorization is the caller's: can(actor, { do: 'manage-user', userId }).
 */
export async function issueResetLink(db: Db, actor: SessionUser, userId: number, meta: Meta): Promise<{ url: string | null; email: string; expiresAt: string }> {
  const { user } = await getUserWithOrg(db, userId);
  if (user.disabledAt) throw new AccountProblem(`${user.name} is disabled: enable the account before sending a reset link.`);
  const { token, values } = newAccountLink({ purpose: 'reset', email: user.email, orgId: user.orgId, role: user.role, userId, createdBy: actor.id }, meta.at);
  const url = accountLinkUrl(meta.origin, token);
  const brand = await operatorBrand(db);
  await writeWithMails(db, [
    db.update(accountLinks).set({ usedAt: meta.at.toISOString() }).where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, 'reset'), isNull(accountLinks.usedAt))),
    db.insert(accountLinks).values(values),
    auditEventInsert(db, { kind: 'reset-link-created', actor, ip: meta.ip, subject: userSubject(user.email), at: meta.at, detail: { expiresAt: values.expiresAt } }),
  ], [accountLinkMail(brand.name, { url, email: user.email, purpose: 'reset', expiresAt: values.expiresAt })], meta.at);
  return { url: mailIsSent() ? null : url, email: user.email, expiresAt: values.expiresAt };
}
