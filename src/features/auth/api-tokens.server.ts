import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { apiTokens, organizations, users } from '#db/schema/index.ts';
import { generateSecretToken, secretMatches, splitToken } from './secret-token.ts';
import { toSessionUser, type SessionUser } from './session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { tokenSubject } from '#features/audit/subjects.ts';

/** Bearer tokens start with this, so a leaked one is recognisable (and greppable) as ours. */
export const API_TOKEN_PREFIX = 'vit_';
/** lastUsedAt is written at most this often, so most API calls only read. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export interface ApiTokenSummary { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
interface Meta { ip: string | null; at: Date }

/** Creates a token for its owner; the returned `token` is the only time the secret exists in clear. */
export async function createApiToken(db: Db, owner: SessionUser, name: string, meta: Meta): Promise<{ token: string; summary: ApiTokenSummary }> {
  const t = generateSecretToken();
  const createdAt = meta.at.toISOString();
  await db.insert(apiTokens).values({ id: t.id, userId: owner.id, name: name.trim(), secretHash: Buffer.from(t.secretHash), createdAt });
  await recordAuditEvent(db, { kind: 'api-token-created', actor: owner, ip: meta.ip, subject: tokenSubject(t.id), detail: { name: name.trim() }, at: meta.at });
  return { token: API_TOKEN_PREFIX + t.token, summary: { id: t.id, name: name.trim(), createdAt, lastUsedAt: null, revokedAt: null } };
}

export async function listApiTokens(db: Db, ownerId: number): Promise<ApiTokenSummary[]> {
  return db.select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens).where(eq(apiTokens.userId, ownerId)).orderBy(desc(apiTokens.createdAt));
}

/** The owner of a token, for the authorization check before revoking; null when there is no such token. */
export async function apiTokenOwner(db: Db, tokenId: string): Promise<number | null> {
  const [row] = await db.select({ userId: apiTokens.userId }).from(apiTokens).where(eq(apiTokens.id, tokenId)).limit(1);
  return row?.userId ?? null;
}

/** Revokes a token at once; returns false when it was already revoked. Authorization is the caller's (can 'revoke-api-token'). */
export async function revokeApiToken(db: Db, actor: SessionUser, tokenId: string, meta: Meta): Promise<boolean> {
  const done = await db.update(apiTokens).set({ revokedAt: meta.at.toISOString() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt))).returning({ name: apiTokens.name });
  if (done.length === 0) return false;
  await recordAuditEvent(db, { kind: 'api-token-revoked', actor, ip: meta.ip, subject: tokenSubject(tokenId), detail: { name: done[0]!.name }, at: meta.at });
  return true;
}

/**
 * The person a bearer token acts for, with their current role and organization, or null when
 * the token is unknown, revoked, or its owner is disabled. The token carries no rights of its own.
 */
export async function authenticateApiToken(db: Db, token: string, now: Date): Promise<{ user: SessionUser; tokenId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const parts = splitToken(token.slice(API_TOKEN_PREFIX.length));
  if (!parts) return null;
  const [row] = await db.select({ t: apiTokens, u: users, o: organizations })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(apiTokens.id, parts.id)).limit(1);
  if (!row || !secretMatches(parts.secret, row.t.secretHash)) return null;
  if (row.t.revokedAt || row.u.disabledAt) return null;
  if (!row.t.lastUsedAt || now.getTime() - Date.parse(row.t.lastUsedAt) >= TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.t.id));
  }
  return { user: toSessionUser(row.u, row.o), tokenId: row.t.id };
}
