import { describe, expect, test } from 'vitest';
import { SESSION_POLICY, sessionCookieExpiry, sessionExpired, sessionNeedsTouch } from '#features/auth/session-policy.ts';
import { cookieIsSecure } from '#features/auth/session-cookie.ts';

const t0 = Date.parse('2027-01-01T00:00:00Z');

describe('session policy', () => {
  test('inactivity ends a session; use within the timeout does not', () => {
    const s = { createdAt: t0, lastVerifiedAt: t0 };
    expect(sessionExpired(s, t0 + SESSION_POLICY.inactivityMs - 1)).toBe(false);
    expect(sessionExpired(s, t0 + SESSION_POLICY.inactivityMs)).toBe(true);
  });

  test('the absolute lifetime ends even a session in constant use', () => {
    const s = { createdAt: t0, lastVerifiedAt: t0 + SESSION_POLICY.absoluteMs - 1000 };
    expect(sessionExpired(s, t0 + SESSION_POLICY.absoluteMs - 1)).toBe(false);
    expect(sessionExpired(s, t0 + SESSION_POLICY.absoluteMs)).toBe(true);
  });

  test('renewal is written at most once per touch interval', () => {
    const s = { createdAt: t0, lastVerifiedAt: t0 };
    expect(sessionNeedsTouch(s, t0 + SESSION_POLICY.touchEveryMs - 1)).toBe(false);
    expect(sessionNeedsTouch(s, t0 + SESSION_POLICY.touchEveryMs)).toBe(true);
  });

  test('the cookie expires with the earlier of the two limits', () => {
    expect(sessionCookieExpiry({ createdAt: t0, lastVerifiedAt: t0 }).getTime()).toBe(t0 + SESSION_POLICY.inactivityMs);
    const late = t0 + SESSION_POLICY.absoluteMs - 1000;
    expect(sessionCookieExpiry({ createdAt: t0, lastVerifiedAt: late }).getTime()).toBe(t0 + SESSION_POLICY.absoluteMs);
  });

  test('the cookie is Secure everywhere except plain-HTTP localhost', () => {
    expect(cookieIsSecure(new URL('http://localhost:4321/'))).toBe(false);
    expect(cookieIsSecure(new URL('http://127.0.0.1:4321/'))).toBe(false);
    expect(cookieIsSecure(new URL('https://localhost/'))).toBe(true);
    expect(cookieIsSecure(new URL('http://vitrine.example/'))).toBe(true);
    expect(cookieIsSecure(new URL('https://vitrine.example/'))).toBe(true);
  });
});
