import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { sessions, users, organizations } from '#db/schema/index.ts';
import { generateSecretToken, splitToken, secretMatches } from './secret-token.ts';
import { sessionExpired, sessionNeedsTouch, type SessionTimes } from './session-policy.ts';
import { toSessionUser, type SessionUser } from './session-user.ts';
import { onePerObject } from '#kernel/one-per-object.ts';

export interface Session extends SessionTimes { id: string; userId: number }
export interface ValidSession { session: Session; user: SessionUser; touched: boolean }

export async function createSession(db: Db, userId: number, now: number, meta: { ip?: string; userAgent?: string } = {}): Promise<{ token: string; session: Session }> {
  const t = generateSecretToken();
  const session: Session = { id: t.id, userId, createdAt: now, lastVerifiedAt: now };
  await db.insert(sessions).values({
    id: t.id, userId, secretHash: Buffer.from(t.secretHash), createdAt: now, lastVerifiedAt: now,
    ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token: t.token, session };
}

// Runs on every request (see bench/session-check.ts): only the columns a request needs, in a
// statement built once per database rather than per call.
function buildSessionLookup(db: Db) {
  return db
    .select({
      s: { id: sessions.id, userId: sessions.userId, secretHash: sessions.secretHash, createdAt: sessions.createdAt, lastVerifiedAt: sessions.lastVerifiedAt },
      u: { id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt },
      o: { id: organizations.id, kind: organizations.kind, name: organizations.name },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare();
}
const sessionLookup = onePerObject(buildSessionLookup);

/** Resolves a cookie token to its session and user, or null; expired sessions and disabled users end here. */
export async function validateSessionToken(db: Db, token: string, now: number): Promise<ValidSession | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const [row] = await sessionLookup(db).all({ id: parts.id });
  if (!row || !secretMatches(parts.secret, row.s.secretHash)) return null;
  const session: Session = { id: row.s.id, userId: row.s.userId, createdAt: row.s.createdAt, lastVerifiedAt: row.s.lastVerifiedAt };
  if (sessionExpired(session, now) || row.u.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, session.id));
    return null;
  }
  let touched = false;
  if (sessionNeedsTouch(session, now)) {
    session.lastVerifiedAt = now;
    // Not waited for: while a publish holds the write lock the request would wait seconds for
    // bookkeeping whose outcome it already knows (a lost touch only ends the session sooner).
    db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, session.id)).catch((e: unknown) => console.error('touching a session failed', e));
    touched = true;
  }
  return { session, user: toSessionUser(row.u, row.o), touched };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, optionally keeping the one making the request. */
export async function invalidateUserSessions(db: Db, userId: number, keepSessionId?: string): Promise<void> {
  await db.delete(sessions).where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId));
}
