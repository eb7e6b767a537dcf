import { and, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks, signInFailures, users } from '#db/schema/index.ts';
import { auditEventInsert } from '#features/audit/record-event.server.ts';
import { userSubject } from '#features/audit/subjects.ts';
import { accountLinkUrl, newAccountLink } from './account-links.server.ts';
import { FORGOT_LINK_LIFETIME_MS } from './account-link-policy.ts';
import { accountLinkMail } from './deliver-account-link.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { writeWithMails } from '#features/mail/mail-outbox.server.ts';

/** "Forgot your password?": at most 3 links per address and 10 requests per client address in 15 minutes. */
export const FORGOT_LIMIT = { perEmail: 3, perAddress: 10, windowMs: 15 * 60 * 1000 } as const;

export const FORGOT_ANSWER = 'If an account uses this address, we have sent it a link to choose a new password. The link works once, for one hour. Check your spam folder if nothing arrives in a few minutes.';

/**
 * Someone asks for a reset link by email address. The answer is the same whether the address has
 * an account or not ('sent'); only a client address that asked too often is told so ('limited'),
 * which says nothing about any account. An existing, enabled account gets a single-use link
 * valid one hour, mailed in the same batch as the link and its audit event; earlier unused reset
 * links of the account stop working. Requests are counted in the sign-in failures table.
 */
export async function requestPasswordReset(db: Db, input: { email: string }, meta: { ip: string | null; at: Date; origin: string }): Promise<'sent' | 'limited'> {
  const email = input.email.trim().toLowerCase();
  const now = meta.at.getTime();
  const emailKey = `forgot:${email}`;
  const addressKey = meta.ip ? `forgot-ip:${meta.ip}` : null;
  const keys = addressKey ? [emailKey, addressKey] : [emailKey];
  const counts = await db.select({ key: signInFailures.key, n: count() }).from(signInFailures)
    .where(and(inArray(signInFailures.key, keys), gt(signInFailures.at, now - FORGOT_LIMIT.windowMs))).groupBy(signInFailures.key);
  const countOf = (key: string | null) => counts.find((c) => c.key === key)?.n ?? 0;
  if (addressKey && countOf(addressKey) >= FORGOT_LIMIT.perAddress) return 'limited';
  await db.insert(signInFailures).values(keys.map((key) => ({ key, at: now })));
  if (countOf(emailKey) >= FORGOT_LIMIT.perEmail) return 'sent'; // silently: the address's owner has links enough

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!user || user.disabledAt) return 'sent';
  const { token, values } = newAccountLink({ purpose: 'reset', email, orgId: user.orgId, role: user.role, userId: user.id, createdBy: null }, meta.at, FORGOT_LINK_LIFETIME_MS);
  const brand = await operatorBrand(db);
  await writeWithMails(db, [
    db.update(accountLinks).set({ usedAt: meta.at.toISOString() }).where(and(eq(accountLinks.userId, user.id), eq(accountLinks.purpose, 'reset'), isNull(accountLinks.usedAt))),
    db.insert(accountLinks).values(values),
    auditEventInsert(db, { kind: 'password-reset-requested', actor: { id: null, email }, ip: meta.ip, subject: userSubject(email), at: meta.at, detail: { expiresAt: values.expiresAt } }),
  ], [accountLinkMail(brand.name, { url: accountLinkUrl(meta.origin, token), email, purpose: 'reset', expiresAt: values.expiresAt, asked: true })], meta.at);
  return 'sent';
}
