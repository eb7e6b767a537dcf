import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, punchoutConnections, punchoutSessions, requisitionLists, users } from '#db/schema/index.ts';
import { generateSecretToken, hashSecret, secretMatches, splitToken } from '#features/auth/secret-token.ts';
import { toSessionUser } from '#features/auth/session-user.ts';
import type { PunchoutVisit } from '#features/auth/punchout-visit.ts';
import { PunchoutProblem } from './punchout-problem.ts';

/** A start page link works once, within 5 minutes of the setup. */
export const START_TOKEN_MS = 5 * 60_000;
/** A session with no request for 60 minutes has ended. */
export const IDLE_MS = 60 * 60_000;
// The last-seen time is written at most once a minute, not on every page.
const TOUCH_EVERY_MS = 60_000;

/** A start link that names no session: answered as a page that does not exist. */
export class StartLinkUnknown extends Error {
  constructor() {
    super('This start link is not valid. Start the punchout again from your procurement system.');
    this.name = 'StartLinkUnknown';
  }
}

export interface OpenedSession { id: string; startToken: string }

/** Stores a new session waiting for its start page, with a cart (a list of the buyer) of its own. */
export async function insertPunchoutSession(db: Db, input: {
  connectionId: number; buyerUserId: number; operation: PunchoutVisit['operation']; buyerCookie: string | null; returnUrl: string; passBack: Record<string, string>;
}, now: Date): Promise<OpenedSession & { listId: number }> {
  const start = generateSecretToken();
  const [list] = await db.insert(requisitionLists).values({ userId: input.buyerUserId, name: `PunchOut basket ${start.id.slice(0, 8)}`, createdAt: now.toISOString() }).returning({ id: requisitionLists.id });
  await db.insert(punchoutSessions).values({
    id: start.id, connectionId: input.connectionId, startSecretHash: Buffer.from(start.secretHash), startExpiresAt: now.getTime() + START_TOKEN_MS,
    operation: input.operation, buyerCookie: input.buyerCookie, returnUrl: input.returnUrl, passBack: input.passBack, listId: list!.id, createdAt: now.getTime(),
  });
  return { id: start.id, startToken: start.token, listId: list!.id };
}

/**
 * Opens the start page: the token is good once, for 5 minutes, and is swapped for the
 * session's cookie token. A reused or late token is refused in words that say which.
 */
export async function redeemStartToken(db: Db, token: string, now: Date): Promise<{ cookieToken: string; operation: PunchoutVisit['operation'] }> {
  const parts = splitToken(token);
  const [row] = parts ? await db.select().from(punchoutSessions).where(eq(punchoutSessions.id, parts.id)).limit(1) : [];
  if (!parts || !row || !secretMatches(parts.secret, row.startSecretHash)) throw new StartLinkUnknown();
  if (row.startedAt !== null) throw new PunchoutProblem('This start link has been used already: each link opens one session. Start the punchout again from your procurement system.', 401);
  if (now.getTime() > row.startExpiresAt) throw new PunchoutProblem('This start link has expired (links work for 5 minutes). Start the punchout again from your procurement system.', 401);
  const cookie = generateSecretToken();
  // Single use even when two requests race: only the one that finds startedAt still empty wins.
  const claimed = await db.update(punchoutSessions).set({ startedAt: now.getTime(), lastSeenAt: now.getTime(), cookieSecretHash: Buffer.from(hashSecret(cookie.secret)) })
    .where(and(eq(punchoutSessions.id, row.id), isNull(punchoutSessions.startedAt))).returning({ id: punchoutSessions.id });
  if (claimed.length === 0) throw new PunchoutProblem('This start link has been used already: each link opens one session. Start the punchout again from your procurement system.', 401);
  return { cookieToken: `${row.id}.${cookie.secret}`, operation: row.operation as PunchoutVisit['operation'] };
}

/**
 * The punchout session a cookie names, or null when it is unknown, ended, idle for 60 minutes,
 * its connection switched off or its buyer disabled.
 */
export async function resolvePunchoutVisit(db: Db, cookieToken: string, now: Date): Promise<PunchoutVisit | null> {
  const parts = splitToken(cookieToken);
  if (!parts) return null;
  const [row] = await db.select({ s: punchoutSessions, c: punchoutConnections, u: users, o: organizations }).from(punchoutSessions)
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, punchoutSessions.connectionId))
    .innerJoin(users, eq(users.id, punchoutConnections.buyerUserId))
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(punchoutSessions.id, parts.id)).limit(1);
  if (!row || !row.s.cookieSecretHash || !secretMatches(parts.secret, row.s.cookieSecretHash)) return null;
  if (row.s.endedAt !== null || !row.c.enabled || row.u.disabledAt) return null;
  const lastSeen = row.s.lastSeenAt ?? row.s.startedAt ?? 0;
  if (now.getTime() - lastSeen > IDLE_MS) {
    await endPunchoutSession(db, row.s.id, now);
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) await db.update(punchoutSessions).set({ lastSeenAt: now.getTime() }).where(eq(punchoutSessions.id, row.s.id));
  return {
    id: row.s.id, connectionId: row.c.id, systemName: row.c.systemName, protocol: row.c.protocol, operation: row.s.operation as PunchoutVisit['operation'],
    listId: row.s.listId, user: toSessionUser(row.u, row.o),
  };
}

/** Ends a session; returns false when it had ended already (a second transfer sends nothing). */
export async function endPunchoutSession(db: Db, id: string, now: Date): Promise<boolean> {
  const ended = await db.update(punchoutSessions).set({ endedAt: now.getTime() }).where(and(eq(punchoutSessions.id, id), isNull(punchoutSessions.endedAt))).returning({ id: punchoutSessions.id });
  return ended.length > 0;
}
