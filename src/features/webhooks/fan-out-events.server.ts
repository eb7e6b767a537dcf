import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '#db/schema/index.ts';
import { EVENTS_OF_AUDIENCE, isWebhookEventType } from '#features/webhook-events/event-types.ts';

type EventRow = typeof webhookEvents.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * Whether an endpoint is told of an event: it chose the event, its area may hear of it, and it
 * is its business — a supplier's endpoint only of its own organization's catalogs, sales' only
 * of customers' views. It must also have existed when the event happened.
 */
export function endpointWants(endpoint: EndpointRow, event: EventRow): boolean {
  if (!isWebhookEventType(event.type)) return false;
  if (!endpoint.events.includes(event.type) || !EVENTS_OF_AUDIENCE[endpoint.audience].includes(event.type)) return false;
  if (endpoint.createdAt > event.createdAt) return false;
  switch (endpoint.audience) {
    case 'admin': return true;
    case 'supplier': return event.supplierOrgId !== null && event.supplierOrgId === endpoint.orgId;
    case 'sales': return event.customerOrgId !== null;
  }
}

/**
 * Turns the outbox's new events into one delivery per endpoint that wants them, due at once.
 * Each event is taken in a transaction of its own that first marks it, so two app processes
 * never make its deliveries twice. Returns how many deliveries were made.
 */
export async function fanOutEvents(db: Db, now: Date, limit = 100): Promise<number> {
  const events = await db.select().from(webhookEvents).where(isNull(webhookEvents.fannedOutAt)).orderBy(webhookEvents.id).limit(limit);
  if (events.length === 0) return 0;
  const endpoints = await db.select().from(webhookEndpoints).where(and(isNull(webhookEndpoints.disabledAt), lte(webhookEndpoints.createdAt, events.at(-1)!.createdAt)));
  let made = 0;
  for (const event of events) {
    const targets = endpoints.filter((e) => endpointWants(e, event));
    made += await db.transaction(async (tx) => {
      const taken = await tx.update(webhookEvents).set({ fannedOutAt: now.toISOString() }).where(and(eq(webhookEvents.id, event.id), isNull(webhookEvents.fannedOutAt)));
      if (taken.rowsAffected === 0 || targets.length === 0) return 0;
      await tx.insert(webhookDeliveries).values(targets.map((e) => ({ eventId: event.id, endpointId: e.id, createdAt: now.toISOString(), nextAttemptAt: now.getTime() })));
      return targets.length;
    });
  }
  return made;
}
