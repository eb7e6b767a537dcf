import { and, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { signInFailures } from '#db/schema/index.ts';

/** At most this many failed sign-ins per account and per client address within the window. */
export const SIGN_IN_LIMIT = { failures: 10, windowMs: 15 * 60 * 1000 };

export function limitKeys(email: string, ip: string | null): string[] {
  return [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** When the next attempt is allowed (ms epoch), or null when attempts are allowed now. */
export async function signInBlockedUntil(db: Db, keys: string[], now: number): Promise<number | null> {
  const since = now - SIGN_IN_LIMIT.windowMs;
  const rows = await db
    .select({ key: signInFailures.key, n: sql<number>`count(*)`, oldest: sql<number>`min(${signInFailures.at})` })
    .from(signInFailures)
    // Strictly after: at `retryAt` (oldest + window) the oldest failure no longer counts, as the message promises.
    .where(and(inArray(signInFailures.key, keys), gt(signInFailures.at, since)))
    .groupBy(signInFailures.key);
  let until: number | null = null;
  for (const r of rows) {
    if (r.n >= SIGN_IN_LIMIT.failures) {
      // The window frees a slot when its oldest failure ages out.
      const t = Number(r.oldest) + SIGN_IN_LIMIT.windowMs;
      until = until === null ? t : Math.max(until, t);
    }
  }
  return until;
}

export async function recordSignInFailure(db: Db, keys: string[], now: number): Promise<void> {
  await db.insert(signInFailures).values(keys.map((key) => ({ key, at: now })));
  // Old rows are useless for the window; prune as we go so the table stays small.
  await db.delete(signInFailures).where(lt(signInFailures.at, now - SIGN_IN_LIMIT.windowMs));
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(inArray(signInFailures.key, limitKeys(email, null)));
}
