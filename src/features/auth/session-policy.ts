/** How long sessions live. Inactivity slides with use; the absolute limit does not. */
export const SESSION_POLICY = {
  cookieName: 'session',
  inactivityMs: 7 * 24 * 60 * 60 * 1000,
  absoluteMs: 30 * 24 * 60 * 60 * 1000,
  /** lastVerifiedAt is written at most this often, so most requests only read. */
  touchEveryMs: 60 * 60 * 1000,
};

export interface SessionTimes { createdAt: number; lastVerifiedAt: number }

export function sessionExpired(s: SessionTimes, now: number): boolean {
  return now - s.lastVerifiedAt >= SESSION_POLICY.inactivityMs || now - s.createdAt >= SESSION_POLICY.absoluteMs;
}

export function sessionNeedsTouch(s: SessionTimes, now: number): boolean {
  return now - s.lastVerifiedAt >= SESSION_POLICY.touchEveryMs;
}

/** When the cookie should expire: the earlier of the sliding and the absolute limits. */
export function sessionCookieExpiry(s: SessionTimes): Date {
  return new Date(Math.min(s.lastVerifiedAt + SESSION_POLICY.inactivityMs, s.createdAt + SESSION_POLICY.absoluteMs));
}
