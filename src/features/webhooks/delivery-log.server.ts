import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { webhookDeliveries, webhookEvents } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { nudgeWebhookSender } from '#features/webhook-events/webhook-outbox.server.ts';
import { endpointForOwner, endpointSubject, type Meta } from './webhook-endpoints.server.ts';
import { WebhookProblem } from './webhook-problem.ts';
import { NotFound } from '#kernel/person-problem.ts';

export interface DeliveryLine {
  id: number; eventId: number; eventType: string; state: string; attempts: number; createdAt: string;
  lastAttemptAt: string | null; nextAttemptAt: string | null; responseStatus: number | null; responseExcerpt: string | null;
  lastError: string | null; deliveredAt: string | null; resendOf: number | null;
}

export const LOG_LINES = 50;

/** The endpoint's newest deliveries: state, time, the answer's status and first 1 KB, and why one failed. */
export async function listDeliveries(db: Db, endpointId: number, limit = LOG_LINES): Promise<DeliveryLine[]> {
  const rows = await db.select({ d: webhookDeliveries, type: webhookEvents.type }).from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(desc(webhookDeliveries.id)).limit(limit);
  return rows.map(({ d, type }) => ({
    id: d.id, eventId: d.eventId, eventType: type, state: d.state, attempts: d.attempts, createdAt: d.createdAt,
    lastAttemptAt: d.lastAttemptAt, nextAttemptAt: d.state === 'pending' && d.nextAttemptAt !== null ? new Date(d.nextAttemptAt).toISOString() : null,
    responseStatus: d.responseStatus, responseExcerpt: d.responseExcerpt, lastError: d.lastError, deliveredAt: d.deliveredAt, resendOf: d.resendOf,
  }));
}

/**
 * "Send again": a new delivery of the same event (same id and body, signed anew) to the
 * endpoint, sent at once and retried like any other. Returns the new delivery's id.
 */
export async function sendAgain(db: Db, owner: SessionUser, endpointId: number | null, deliveryId: number, meta: Meta): Promise<number> {
  const endpoint = await endpointForOwner(db, owner, endpointId);
  const [original] = await db.select().from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id))).limit(1);
  if (!original) throw new NotFound('webhook delivery');
  if (endpoint.disabledAt !== null) throw new WebhookProblem('This endpoint is switched off: switch it on first, then send again.');
  const [row] = await db.insert(webhookDeliveries).values({
    eventId: original.eventId, endpointId: endpoint.id, resendOf: original.id, createdAt: meta.at.toISOString(), nextAttemptAt: meta.at.getTime(),
  }).returning({ id: webhookDeliveries.id });
  await recordAuditEvent(db, { kind: 'webhook-delivery-resent', actor: owner, ip: meta.ip, at: meta.at, subject: endpointSubject(endpoint.id), detail: { deliveryId: original.id, eventId: original.eventId, newDeliveryId: row!.id } });
  nudgeWebhookSender();
  return row!.id;
}
