import type { SessionUser } from './session-user.ts';
import { sessionExpired, sessionNeedsTouch, type SessionTimes } from './session-policy.ts';
import { RevalidatingMemo } from '#kernel/revalidating-memo.ts';

/**
 * Sessions the middleware validated a few seconds ago, with the change stamp read before
 * (page-cache/change-stamp.server.ts), so the page cache's fast lane can serve a repeat visit
 * with one read: a sign-out, a disabled user or a password change, in any process, records an
 * audit event and so moves the stamp. Never trusted once the session would expire or needs its
 * sliding touch (the normal path writes that and refreshes the cookie). A state-changing
 * request here also forgets its own session's entry.
 */
export interface RememberedSession { user: SessionUser; stamp: number }

const memo = new RevalidatingMemo<string, { user: SessionUser; times: SessionTimes; stamp: number }>({ freshMs: 5_000, staleMs: 10_000, maxEntries: 10_000 });

/** Pass to rememberSession: read it before the database is. */
export function sessionGeneration(): number {
  return memo.generation;
}

export function rememberSession(token: string, user: SessionUser, times: SessionTimes, stamp: number, readAt: number, readGeneration: number): void {
  memo.remember(token, { user, times: { ...times }, stamp }, readAt, readGeneration);
}

/** The user of a recently validated token, or null when the database must be asked. */
export function recallSession(token: string, now: number): RememberedSession | null {
  const entry = memo.recall(token, now);
  if (!entry) return null;
  if (sessionExpired(entry.times, now) || sessionNeedsTouch(entry.times, now)) {
    memo.forget(token);
    return null;
  }
  return { user: entry.user, stamp: entry.stamp };
}

export function forgetSession(token: string): void {
  memo.forget(token);
}

