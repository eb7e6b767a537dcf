import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { hotReadsOf } from '#db/hot-reads.ts';
import { changeStamps } from '#db/schema/index.ts';

/**
 * A number that moves whenever what buyers see, or what a session says, may have changed: the
 * id of the newest audit event of a kind in stamp-kinds.ts STAMP_KINDS, kept by a trigger
 * (db/schema/change-stamps.ts). Every such write (a publish or rollback, a view published or
 * withdrawn, a sign-out, a password change) records its audit event in the same transaction,
 * from this process or any other, so a remembered session or scope fingerprint is trusted only
 * while this number stays the same. Failed sign-ins and other events that change no page leave
 * it alone. One read by primary key, asked on every request: prepared once where the file is local.
 */
export async function changeStamp(db: Db): Promise<number> {
  return changeStampAtHand(db) ?? changeStampByQuery(db);
}

/** The change stamp asked of the database: what changeStamp does where changeStampAtHand cannot answer (a remote database). */
export async function changeStampByQuery(db: Db): Promise<number> {
  const [row] = await db.select({ value: changeStamps.value }).from(changeStamps).where(eq(changeStamps.id, 1));
  return Number(row?.value ?? 0);
}

/** The change stamp read synchronously where the file is local (hot-reads.ts); null where it is not. */
export function changeStampAtHand(db: Db): number | null {
  const hot = hotReadsOf(db);
  return hot ? Number(hot.value('SELECT value FROM change_stamps WHERE id = 1') ?? 0) : null;
}
