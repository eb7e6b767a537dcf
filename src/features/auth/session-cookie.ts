import type { AstroCookies } from 'astro';
import { SESSION_POLICY, sessionCookieExpiry, type SessionTimes } from './session-policy.ts';
import { servedOverHttps } from '#features/security/deployment-settings.ts';

/** Over HTTPS the cookie is `__Host-session`: browsers then refuse it unless Secure, Path=/ and without Domain, so no subdomain can set or shadow it. */
export const HOST_COOKIE_NAME = `__Host-${SESSION_POLICY.cookieName}`;

/** Secure everywhere except plain-HTTP localhost, where browsers would drop a Secure cookie. */
export function cookieIsSecure(url: URL): boolean {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return servedOverHttps(url) || !local;
}

export function sessionCookieName(url: URL): string {
  return servedOverHttps(url) ? HOST_COOKIE_NAME : SESSION_POLICY.cookieName;
}

/** The session token the request carries, under either name (a deployment may have moved to HTTPS). */
export function readSessionCookie(cookies: AstroCookies): string | undefined {
  return cookies.get(HOST_COOKIE_NAME)?.value || cookies.get(SESSION_POLICY.cookieName)?.value;
}

export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, session: SessionTimes): void {
  cookies.set(sessionCookieName(url), token, {
    httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(url), path: '/', expires: sessionCookieExpiry(session),
  });
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  for (const name of [HOST_COOKIE_NAME, SESSION_POLICY.cookieName]) {
    if (cookies.has(name)) cookies.set(name, '', { httpOnly: true, sameSite: 'lax', secure: name === HOST_COOKIE_NAME || cookieIsSecure(url), path: '/', maxAge: 0 });
  }
}
