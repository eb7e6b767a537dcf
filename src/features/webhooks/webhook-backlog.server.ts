import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';

/** For /metrics: deliveries waiting or being retried, and endpoints switched off after 24 hours of failures. */
export async function webhookBacklog(db: Db): Promise<{ pending: number; endpointsOff: number }> {
  const [row] = await db.all<{ pending: number; off: number }>(sql`SELECT
    (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending') AS pending,
    (SELECT count(*) FROM webhook_endpoints WHERE disabled_at IS NOT NULL) AS off`);
  return { pending: row?.pending ?? 0, endpointsOff: row?.off ?? 0 };
}
