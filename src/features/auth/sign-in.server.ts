import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import { verifyPassword, spendVerifyTime } from './passwords.server.ts';
import { createSession } from './sessions.server.ts';
import { limitKeys, signInBlockedUntil, recordSignInFailure, clearSignInFailures } from './sign-in-limits.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';

export type SignInResult =
  | { ok: true; token: string; session: { createdAt: number; lastVerifiedAt: number }; userId: number; role: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAt: number };

export const SIGN_IN_FAILED_MESSAGE = 'That email and password do not match an active account.';

/**
 * Checks a password sign-in. The answer and its timing are the same whether or not the email
 * exists (an unknown email still pays for one password verification).
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string | null; userAgent?: string }, now: number): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = limitKeys(email, input.ip);
  const blockedUntil = await signInBlockedUntil(db, keys, now);
  if (blockedUntil !== null) {
    await recordAuditEvent(db, { kind: 'sign-in-blocked', actor: { id: null, email }, ip: input.ip, at: new Date(now) });
    return { ok: false, reason: 'limited', retryAt: blockedUntil };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await spendVerifyTime(input.password);
  if (!user || !valid || user.disabledAt) {
    await recordSignInFailure(db, keys, now);
    await recordAuditEvent(db, { kind: 'sign-in-failed', actor: { id: user?.id ?? null, email }, ip: input.ip, at: new Date(now), detail: { reason: !user ? 'unknown email' : user.disabledAt && valid ? 'disabled' : 'wrong password' } });
    return { ok: false, reason: 'invalid' };
  }
  await clearSignInFailures(db, email);
  const { token, session } = await createSession(db, user.id, now, { ip: input.ip ?? undefined, userAgent: input.userAgent });
  await recordAuditEvent(db, { kind: 'sign-in', actor: { id: user.id, email }, ip: input.ip, at: new Date(now) });
  return { ok: true, token, session, userId: user.id, role: user.role };
}
