import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { accountLinkUrl, createAccountLink } from './account-links.server.ts';
import { deliverAccountLink } from './deliver-account-link.ts';
import { getUserWithOrg } from './find-user.server.ts';
import { AccountProblem } from './account-problem.ts';

interface Meta { ip: string | null; at: Date; origin: string }

/**
 * A single-use link, valid 7 days, with which the user sets a new password. Earlier unused reset
 * links of the user stop working, so only the newest one is live.
 * Authorization is the caller's: can(actor, { do: 'manage-user', userId }).
 */
export async function issueResetLink(db: Db, actor: SessionUser, userId: number, meta: Meta): Promise<{ url: string; email: string; expiresAt: string }> {
  const { user } = await getUserWithOrg(db, userId);
  if (user.disabledAt) throw new AccountProblem(`${user.name} is disabled: enable the account before sending a reset link.`);
  await db.update(accountLinks).set({ usedAt: meta.at.toISOString() })
    .where(and(eq(accountLinks.userId, userId), eq(accountLinks.purpose, 'reset'), isNull(accountLinks.usedAt)));
  const { token, link } = await createAccountLink(db, { purpose: 'reset', email: user.email, orgId: user.orgId, role: user.role, userId, createdBy: actor.id }, meta.at);
  await recordAuditEvent(db, { kind: 'reset-link-created', actor, ip: meta.ip, subject: userSubject(user.email), at: meta.at, detail: { expiresAt: link.expiresAt } });
  const url = deliverAccountLink({ url: accountLinkUrl(meta.origin, token), email: user.email, purpose: 'reset', expiresAt: link.expiresAt });
  return { url, email: user.email, expiresAt: link.expiresAt };
}
