import { timingSafeEqual, createHash } from 'node:crypto';
import { bearerToken } from '#features/auth/bearer-token.ts';

/**
 * Who may read /healthz in detail (engines, sync lag): a signed-in admin, or a monitor sending
 * HEALTHZ_TOKEN as a bearer token. Anyone else learns only that the service is up.
 */
export function mayReadHealthDetail(role: string | null, authorization: string | null, healthzToken: string | null): boolean {
  if (role === 'admin') return true;
  const sent = bearerToken(authorization);
  if (!healthzToken || !sent) return false;
  // Hashes first: equal lengths for the constant-time comparison, whatever was sent.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(sent), digest(healthzToken));
}
