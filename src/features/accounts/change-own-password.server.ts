import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { hashPassword, passwordProblem, verifyPassword } from '#features/auth/passwords.server.ts';
import { createSession, invalidateUserSessions, type Session } from '#features/auth/sessions.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { passwordAttemptKeys } from '#features/auth/attempt-throttle.ts';
import { releaseAttempt, reserveAttempt, signedInFrom } from '#features/auth/attempt-throttle.server.ts';
import { endUserApiTokens } from '#features/auth/end-user-api-tokens.server.ts';
import { AccountProblem } from './account-problem.ts';
import { plural } from '#kernel/plural.ts';

interface Meta { ip: string | null; at: Date; userAgent?: string }

/**
 * Changes the signed-in person's password. Every session of theirs ends, the current one
 * included, and a fresh session replaces it: a copy of the old cookie (stolen or not) stops
 * working, and so does every API token of theirs. Wrong current passwords count as failed sign-ins, so a stolen session cannot guess.
 */
export async function changeOwnPassword(db: Db, user: SessionUser, input: { currentPassword: string; newPassword: string }, meta: Meta): Promise<{ token: string; session: Session }> {
  const now = meta.at.getTime();
  // Counted before verifying, like a sign-in, so guesses sent at once cannot pass the limit.
  const keys = passwordAttemptKeys(user.email, meta.ip, await signedInFrom(db, user.id, meta.ip));
  const reserved = await reserveAttempt(db, keys, now);
  if (!reserved.ok) {
    const minutes = Math.max(1, Math.ceil((reserved.retryAt - now) / 60000));
    throw new AccountProblem(`Too many wrong passwords. Please try again in ${plural(minutes, 'minute')}.`);
  }
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1);
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AccountProblem('The current password is not correct.', 'currentPassword');
  }
  await releaseAttempt(db, reserved.ids);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AccountProblem(problem, 'newPassword');
  if (input.newPassword === input.currentPassword) throw new AccountProblem('Choose a password different from the current one.', 'newPassword');

  await db.update(users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(users.id, user.id));
  await invalidateUserSessions(db, user.id);
  const tokensEnded = await endUserApiTokens(db, user.id, meta.at);
  const fresh = await createSession(db, user.id, now, { ip: meta.ip ?? undefined, userAgent: meta.userAgent });
  await recordAuditEvent(db, { kind: 'password-changed', actor: user, ip: meta.ip, subject: userSubject(user.email), at: meta.at, detail: { tokensEnded } });
  return fresh;
}
