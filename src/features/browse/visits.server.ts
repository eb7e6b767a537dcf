import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users } from '#db/schema/index.ts';
import { nextVisitState, visitStateAtSignIn } from './visits.ts';

/**
 * Records a buyer's catalog page view and returns when their previous visit ended (null on
 * their first visit): the start of "what changed since your last visit". The page does not
 * wait for the write: while a publish holds the database's write lock it would wait seconds
 * for bookkeeping whose answer it already has.
 */
export async function recordCatalogVisit(db: Db, userId: number, now: Date): Promise<string | null> {
  const [row] = await db.select({ lastVisitAt: users.lastVisitAt, lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row) return null;
  const next = nextVisitState(row, now);
  if (next) db.update(users).set(next).where(eq(users.id, userId)).catch((e: unknown) => console.error('recording a catalog visit failed', e));
  return (next ?? row).lastVisitAt;
}

/** A buyer signed in: their previous visit ends here (see visitStateAtSignIn). */
export async function startVisitAtSignIn(db: Db, userId: number, now: Date): Promise<void> {
  const [row] = await db.select({ lastVisitAt: users.lastVisitAt, lastSeenAt: users.lastSeenAt }).from(users).where(eq(users.id, userId)).limit(1);
  const next = row ? visitStateAtSignIn(row, now) : null;
  if (next) await db.update(users).set(next).where(eq(users.id, userId));
}
