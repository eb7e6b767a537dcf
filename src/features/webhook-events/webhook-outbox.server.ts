import type { Db } from '#db/client.ts';
import { webhookEvents } from '#db/schema/index.ts';
import type { WebhookEventType } from './event-types.ts';

/** One event for the webhook outbox: what happened, whose it is (for whom it may be sent), and its payload's data. */
export interface WebhookEventInput {
  type: WebhookEventType;
  supplierOrgId?: number | null;
  customerOrgId?: number | null;
  data: Record<string, unknown>;
}

/**
 * The insert of webhook events, not yet run: put it in the transaction or batch of the change it
 * tells of, so the event is written exactly when the change is (a crash loses neither alone).
 */
export function webhookEventInsert(db: Pick<Db, 'insert'>, events: WebhookEventInput[], at: Date) {
  return db.insert(webhookEvents).values(events.map((e) => ({
    type: e.type, supplierOrgId: e.supplierOrgId ?? null, customerOrgId: e.customerOrgId ?? null, data: e.data, createdAt: at.toISOString(),
  })));
}

const NUDGE = Symbol.for('vitrine.webhookNudge');
/** Wakes the webhook sender (when running in this process) instead of waiting for its next round. */
export function nudgeWebhookSender(): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[NUDGE]?.();
}
export function onWebhookNudge(wake: (() => void) | undefined): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[NUDGE] = wake;
}
