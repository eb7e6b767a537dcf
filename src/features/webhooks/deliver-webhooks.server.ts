import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '#db/schema/index.ts';
import { logger } from '#features/observability/logger.server.ts';
import { postDelivery, type AttemptOutcome } from './post-delivery.server.ts';
import { nextAttemptAt, WEBHOOK_RETRY } from './retry-schedule.ts';
import { signatureHeader } from './sign-delivery.ts';
import { switchOffEndpoint } from './switch-off-endpoint.server.ts';

/** The deployment's webhook settings (WEBHOOK_ALLOW_PRIVATE_ADDRESSES, WEBHOOK_RETRY_BASE_MS), read once at start. */
export interface WebhookSettings { allowPrivateAddresses: boolean; retryBaseMs: number; timeoutMs?: number }

type EventRow = typeof webhookEvents.$inferSelect;

/** The body every attempt of a delivery sends: the same bytes each time, so "send again" repeats it exactly. */
export function deliveryBody(event: EventRow): string {
  return JSON.stringify({ id: `evt_${event.id}`, type: event.type, createdAt: event.createdAt, data: event.data });
}

/**
 * Sends the deliveries that are due, a few at once. Each is claimed first (its next attempt moved
 * a lease ahead, guarded by the value read), so two processes never send one attempt twice, and
 * one killed mid-delivery leaves it to be sent again once the lease has passed: a receiver may
 * get an event twice and tells by its id. A 2xx answer delivers it; anything else is kept in the
 * log and retried with backoff for 24 hours. An endpoint failing for 24 hours is switched off.
 */
export async function deliverDueWebhooks(db: Db, settings: WebhookSettings, now = Date.now(), limit = 10): Promise<{ delivered: number; failed: number }> {
  const due = await db.select({ d: webhookDeliveries, e: webhookEndpoints, ev: webhookEvents }).from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), isNull(webhookEndpoints.disabledAt)))
    .orderBy(webhookDeliveries.id).limit(limit);
  const claimed = [];
  for (const row of due) {
    const taken = await db.update(webhookDeliveries).set({ nextAttemptAt: now + WEBHOOK_RETRY.leaseMs })
      .where(and(eq(webhookDeliveries.id, row.d.id), eq(webhookDeliveries.nextAttemptAt, row.d.nextAttemptAt!), eq(webhookDeliveries.state, 'pending')));
    if (taken.rowsAffected === 1) claimed.push(row);
  }
  const outcomes = await Promise.all(claimed.map(async ({ d, e, ev }) => {
    const body = deliveryBody(ev);
    const sentAt = new Date();
    const started = Date.now();
    const outcome = await postDelivery(e.url, body, {
      'content-type': 'application/json', 'user-agent': 'Vitrine-Webhooks/1.0',
      'vitrine-event': ev.type, 'vitrine-delivery': String(d.id), 'vitrine-signature': signatureHeader(e.secret, body, sentAt),
    }, { allowPrivate: settings.allowPrivateAddresses, timeoutMs: settings.timeoutMs ?? WEBHOOK_RETRY.timeoutMs });
    await recordAttempt(db, settings, d, e, outcome, sentAt);
    logger.info({ job: 'webhooks', deliveryId: d.id, endpointId: e.id, event: ev.type, status: outcome.ok ? 'delivered' : 'retry', httpStatus: outcome.status, ms: Date.now() - started }, outcome.ok ? 'webhook delivered' : 'webhook not delivered');
    return outcome.ok;
  }));
  return { delivered: outcomes.filter(Boolean).length, failed: outcomes.filter((ok) => !ok).length };
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** Writes what one attempt came to, and what follows: delivered, retried later, given up, the endpoint switched off. */
async function recordAttempt(db: Db, settings: WebhookSettings, d: DeliveryRow, e: EndpointRow, outcome: AttemptOutcome, sentAt: Date): Promise<void> {
  const at = sentAt.toISOString();
  const answer = { attempts: d.attempts + 1, lastAttemptAt: at, responseStatus: outcome.status, responseExcerpt: outcome.excerpt, lastError: outcome.error };
  if (outcome.ok) {
    await db.batch([
      db.update(webhookDeliveries).set({ ...answer, state: 'delivered', nextAttemptAt: null, deliveredAt: at }).where(eq(webhookDeliveries.id, d.id)),
      db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, e.id)),
    ]);
    return;
  }
  const now = Date.now();
  const next = nextAttemptAt(answer.attempts, Date.parse(d.createdAt), now, settings.retryBaseMs);
  await db.batch([
    db.update(webhookDeliveries).set({ ...answer, state: next === null ? 'failed' : 'pending', nextAttemptAt: next }).where(eq(webhookDeliveries.id, d.id)),
    db.update(webhookEndpoints).set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${at})` }).where(eq(webhookEndpoints.id, e.id)),
  ]);
  const failingSince = e.failingSince ?? at;
  if (now - Date.parse(failingSince) >= WEBHOOK_RETRY.switchOffAfterMs) {
    if (await switchOffEndpoint(db, e, outcome.error ?? 'failed', new Date(now))) {
      logger.warn({ job: 'webhooks', endpointId: e.id, status: 'switched-off' }, 'webhook endpoint switched off after 24 hours of failures');
    }
  }
}
