import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks, sessions, users } from '#db/schema/index.ts';
import { hashPassword, passwordProblem } from '#features/auth/passwords.server.ts';
import { createSession, type Session } from '#features/auth/sessions.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import type { Role } from '#db/schema/users.ts';
import { endUserApiTokens } from '#features/auth/end-user-api-tokens.server.ts';
import { findAccountLink } from './account-links.server.ts';
import { linkAttemptKeys } from '#features/auth/attempt-throttle.ts';
import { releaseAttempt, reserveAttempt } from '#features/auth/attempt-throttle.server.ts';
import { splitToken } from '#features/auth/secret-token.ts';
import { accountLinkStateMessage } from './account-link-policy.ts';
import { AccountProblem } from './account-problem.ts';
import { plural } from '#kernel/plural.ts';

export interface AcceptedLink { userId: number; role: Role; token: string; session: Session }
interface Meta { ip: string | null; at: Date; userAgent?: string }

/**
 * Uses an invitation (creates the account) or a reset link (sets the password, ends every
 * session of the account), then signs the person in. The link is spent in the same transaction,
 * guarded by `used_at IS NULL`, so two submissions of one link cannot both succeed.
 */
export async function acceptAccountLink(db: Db, token: string, input: { name?: string; password: string }, meta: Meta): Promise<AcceptedLink> {
  // Counted before the secret is checked, per link and per address, so forged links sent at once cannot pass the limit.
  const reserved = await reserveAttempt(db, linkAttemptKeys(splitToken(token)?.id ?? null, meta.ip), meta.at.getTime());
  if (!reserved.ok) {
    const minutes = Math.max(1, Math.ceil((reserved.retryAt - meta.at.getTime()) / 60000));
    throw new AccountProblem(`Too many attempts with this link. Please try again in ${plural(minutes, 'minute')}.`);
  }
  const found = await findAccountLink(db, token, meta.at);
  if (!found) throw new AccountProblem(accountLinkStateMessage('unknown'));
  await releaseAttempt(db, reserved.ids); // the secret was right: what follows is the person's form, not a guess
  if (found.state !== 'usable') throw new AccountProblem(accountLinkStateMessage(found.state));
  const { link } = found;
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountProblem(problem, 'password');
  const name = input.name?.trim() ?? '';
  if (link.purpose === 'invite' && !name) throw new AccountProblem('Enter your name.', 'name');
  const passwordHash = await hashPassword(input.password); // before the transaction: it takes ~50 ms
  const now = meta.at.toISOString();

  const userId = await db.transaction(async (tx) => {
    const spent = await tx.update(accountLinks).set({ usedAt: now })
      .where(and(eq(accountLinks.id, link.id), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now))).returning({ id: accountLinks.id });
    if (spent.length === 0) throw new AccountProblem(accountLinkStateMessage('used'));
    if (link.purpose === 'invite') {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, link.email)).limit(1);
      if (taken) throw new AccountProblem('There is already an account with this email. Sign in, or ask for a password reset.');
      const [created] = await tx.insert(users).values({ orgId: link.orgId, email: link.email, name, role: link.role, passwordHash, createdAt: now }).returning({ id: users.id });
      return created!.id;
    }
    const [target] = await tx.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, link.userId ?? -1)).limit(1);
    if (!target || target.disabledAt) throw new AccountProblem('This account is disabled. Ask an administrator to enable it.');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, target.id));
    await tx.delete(sessions).where(eq(sessions.userId, target.id)); // whoever held a session before the reset is out
    await endUserApiTokens(tx, target.id, meta.at); // and whoever made a token with the old password
    return target.id;
  });

  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  const { token: sessionToken, session } = await createSession(db, userId, meta.at.getTime(), { ip: meta.ip ?? undefined, userAgent: meta.userAgent });
  await recordAuditEvent(db, {
    kind: link.purpose === 'invite' ? 'invitation-accepted' : 'password-reset',
    actor: { id: userId, email: link.email }, ip: meta.ip, subject: userSubject(link.email), at: meta.at,
    detail: link.purpose === 'invite' ? { role: link.role, organizationId: link.orgId } : undefined,
  });
  return { userId, role: user!.role, token: sessionToken, session };
}
