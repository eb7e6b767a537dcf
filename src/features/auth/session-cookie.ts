import type { AstroCookies } from 'astro';
import { SESSION_POLICY, sessionCookieExpiry, type SessionTimes } from './session-policy.ts';

/** Secure everywhere except plain-HTTP localhost, where browsers would drop a Secure cookie. */
export function cookieIsSecure(url: URL): boolean {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || !local;
}

export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, session: SessionTimes): void {
  cookies.set(SESSION_POLICY.cookieName, token, {
    httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(url), path: '/', expires: sessionCookieExpiry(session),
  });
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.set(SESSION_POLICY.cookieName, '', { httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(url), path: '/', maxAge: 0 });
}
