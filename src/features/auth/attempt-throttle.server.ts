import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { auditEvents, signInFailures } from '#db/schema/index.ts';
import { LONGEST_WINDOW_MS, retryAtFor, type ThrottleKey } from './attempt-throttle.ts';

export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAt: number };

/**
 * Counts an attempt under its keys before the password or link is verified, in one write
 * transaction (which takes this process's write turn and SQLite's write lock): of many guesses
 * sent at once, only as many as the rules allow get through, and the rest are refused without
 * being verified. The attempt stays counted as a failure unless `releaseAttempt` takes it back.
 */
export async function reserveAttempt(db: Db, keys: ThrottleKey[], now: number): Promise<Reservation> {
  return db.transaction(async (tx) => {
    let retryAt: number | null = null;
    for (const { key, rule } of keys) {
      const [stats] = await tx
        .select({ count: sql<number>`count(*)`, oldest: sql<number | null>`min(${signInFailures.at})`, latest: sql<number | null>`max(${signInFailures.at})` })
        .from(signInFailures)
        // Strictly after: at `retryAt` (oldest + window) the oldest failure no longer counts, as the message promises.
        .where(and(eq(signInFailures.key, key), gt(signInFailures.at, now - rule.windowMs)));
      const at = retryAtFor(rule, { count: Number(stats?.count ?? 0), oldest: stats?.oldest ?? null, latest: stats?.latest ?? null }, now);
      if (at !== null) retryAt = Math.max(retryAt ?? at, at);
    }
    if (retryAt !== null) return { ok: false, retryAt } as const;
    const rows = await tx.insert(signInFailures).values(keys.map(({ key }) => ({ key, at: now }))).returning({ id: signInFailures.id });
    // Old rows count for nothing; prune as we go so the table stays small.
    await tx.delete(signInFailures).where(lt(signInFailures.at, now - LONGEST_WINDOW_MS));
    return { ok: true, ids: rows.map((r) => r.id) } as const;
  });
}

/** Takes back a reserved attempt that succeeded, and forgets earlier failures under `alsoClear` (the owner's own typos at this address). */
export async function releaseAttempt(db: Db, ids: number[], alsoClear: string[] = []): Promise<void> {
  if (ids.length) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
  if (alsoClear.length) await db.delete(signInFailures).where(inArray(signInFailures.key, alsoClear));
}

/** Kinds of audit events that prove a person held the account at an address. */
const PROVEN_KINDS = ['sign-in', 'invitation-accepted', 'password-reset'];

/** True when the account was signed in to from this address before (the audit log remembers where). */
export async function signedInFrom(db: Db, userId: number, ip: string | null): Promise<boolean> {
  if (!ip) return false;
  const [row] = await db.select({ id: auditEvents.id }).from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.ip, ip), inArray(auditEvents.kind, PROVEN_KINDS))).limit(1);
  return Boolean(row);
}

export { PROVEN_KINDS };
