import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import { verifyPassword, spendVerifyTime } from './passwords.server.ts';
import { createSession } from './sessions.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { passwordAttemptKeys } from './attempt-throttle.ts';
import { releaseAttempt, reserveAttempt, signedInFrom } from './attempt-throttle.server.ts';
import { reportSignInAttempts, type SignInAttempts } from './report-sign-in-attempts.server.ts';

export type SignInResult =
  | { ok: true; token: string; session: { createdAt: number; lastVerifiedAt: number }; userId: number; role: string; attempts: SignInAttempts | null }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAt: number };

export const SIGN_IN_FAILED_MESSAGE = 'That email and password do not match an active account.';

/**
 * Checks a password sign-in. The answer and its timing are the same whether or not the email
 * exists (an unknown email still pays for one password verification). The attempt is counted
 * before the password is verified (attempt-throttle.ts), so guesses sent at once cannot pass
 * the limit; `attempts` tells the owner of strangers' failures since their last sign-in.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string | null; userAgent?: string }, now: number): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const known = user ? await signedInFrom(db, user.id, input.ip) : false;
  const keys = passwordAttemptKeys(email, input.ip, known);
  const reserved = await reserveAttempt(db, keys, now);
  if (!reserved.ok) {
    await recordAuditEvent(db, { kind: 'sign-in-blocked', actor: { id: user?.id ?? null, email }, ip: input.ip, at: new Date(now) });
    return { ok: false, reason: 'limited', retryAt: reserved.retryAt };
  }
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await spendVerifyTime(input.password);
  if (!user || !valid || user.disabledAt) {
    await recordAuditEvent(db, { kind: 'sign-in-failed', actor: { id: user?.id ?? null, email }, ip: input.ip, at: new Date(now), detail: { reason: !user ? 'unknown email' : user.disabledAt && valid ? 'disabled' : 'wrong password' } });
    return { ok: false, reason: 'invalid' };
  }
  // The owner's own earlier typos at this address are forgiven; strangers' failures elsewhere keep counting.
  await releaseAttempt(db, reserved.ids, [keys[0]!.key]);
  const attempts = await reportSignInAttempts(db, { id: user.id, email }, input.ip, new Date(now));
  const { token, session } = await createSession(db, user.id, now, { ip: input.ip ?? undefined, userAgent: input.userAgent });
  await recordAuditEvent(db, { kind: 'sign-in', actor: { id: user.id, email }, ip: input.ip, at: new Date(now) });
  return { ok: true, token, session, userId: user.id, role: user.role, attempts };
}
