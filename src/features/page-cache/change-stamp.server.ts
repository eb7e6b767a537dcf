import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';

/**
 * A number that moves whenever what buyers see may have changed: the newest audit event's id.
 * Every such write (a publish or rollback, a view published or withdrawn) records its audit
 * event in the same transaction, from this process or any other, so a remembered scope
 * fingerprint is trusted only while this number stays the same. One indexed read.
 */
export async function changeStamp(db: Db): Promise<number> {
  const [row] = await db.all<{ id: number | null }>(sql`SELECT max(id) AS id FROM audit_events`);
  return Number(row?.id ?? 0);
}
