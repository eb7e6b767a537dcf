import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { outboxLag } from '#features/search/outbox.server.ts';
import { mailBacklog } from '#features/mail/mail-outbox.server.ts';
import { metrics } from '#features/observability/metrics.ts';
import { webhookBacklog } from '#features/webhooks/webhook-backlog.server.ts';

/** True when `header` is `Bearer <token>` with the configured token (compared in constant time). */
export function metricsAuthorized(header: string | null, token: string | null): boolean {
  if (!token || !header) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}

/** Reads the backlogs from the database into the gauges, then the whole registry as Prometheus text. */
export async function collectMetrics(db: Db, now = new Date()): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const [search, mail, webhooks, [uploads], [active]] = await Promise.all([
    outboxLag(db, now),
    mailBacklog(db, now.getTime()),
    webhookBacklog(db),
    db.all<{ n: number }>(sql`SELECT count(*) AS n FROM revisions WHERE state = 'processing'`),
    db.all<{ n: number }>(sql`SELECT count(*) AS n FROM sessions WHERE last_verified_at > ${now.getTime() - SESSION_POLICY.inactivityMs} AND created_at > ${now.getTime() - SESSION_POLICY.absoluteMs}`),
  ]);
  m.searchOutboxPending.set(search.pending);
  m.mailOutboxPending.set(mail.pending);
  m.mailOutboxFailed.set(mail.failed);
  m.uploadsWaiting.set(uploads?.n ?? 0);
  m.sessionsActive.set(active?.n ?? 0);
  m.webhookDeliveriesPending.set(webhooks.pending);
  m.webhookEndpointsOff.set(webhooks.endpointsOff);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
