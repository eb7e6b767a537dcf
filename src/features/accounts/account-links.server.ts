import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks, type LINK_PURPOSES, type Role } from '#db/schema/index.ts';
import { generateSecretToken, secretMatches, splitToken } from '#features/auth/secret-token.ts';
import { accountLinkExpiry, accountLinkState, type AccountLinkState } from './account-link-policy.ts';

export type LinkPurpose = (typeof LINK_PURPOSES)[number];
export type AccountLink = typeof accountLinks.$inferSelect;

export interface NewAccountLink { purpose: LinkPurpose; email: string; orgId: number; role: Role; userId: number | null; createdBy: number | null }

/** A new single-use link's row (only the hash of its secret) and the token for its URL, not yet stored. */
export function newAccountLink(input: NewAccountLink, now: Date, lifetimeMs?: number): { token: string; values: typeof accountLinks.$inferInsert & { expiresAt: string } } {
  const t = generateSecretToken();
  return {
    token: t.token,
    values: {
      id: t.id, secretHash: Buffer.from(t.secretHash), purpose: input.purpose, email: input.email.trim().toLowerCase(),
      orgId: input.orgId, role: input.role, userId: input.userId, createdBy: input.createdBy,
      createdAt: now.toISOString(), expiresAt: accountLinkExpiry(now, lifetimeMs).toISOString(),
    },
  };
}

/** Stores a single-use link (only the hash of its secret) and returns the token for its URL. */
export async function createAccountLink(db: Db, input: NewAccountLink, now: Date): Promise<{ token: string; link: AccountLink }> {
  const { token, values } = newAccountLink(input, now);
  const [link] = await db.insert(accountLinks).values(values).returning();
  return { token, link: link! };
}

/** The link a token names and whether it still works; null when the token matches no link. */
export async function findAccountLink(db: Db, token: string, now: Date): Promise<{ link: AccountLink; state: AccountLinkState } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const [link] = await db.select().from(accountLinks).where(eq(accountLinks.id, parts.id)).limit(1);
  if (!link || !secretMatches(parts.secret, link.secretHash)) return null;
  return { link, state: accountLinkState(link, now) };
}

export function accountLinkUrl(origin: string, token: string): string {
  return new URL(`/invite/${token}`, origin).href;
}
