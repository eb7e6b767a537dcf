import type { Db } from '#db/client.ts';
import { fanOutEvents } from './fan-out-events.server.ts';
import { deliverDueWebhooks, type WebhookSettings } from './deliver-webhooks.server.ts';

/** How often the sender looks for due deliveries: often enough for the first retry, at most every 5 s. */
export function webhookPollMs(settings: WebhookSettings): number {
  return Math.min(5000, Math.max(250, Math.floor(settings.retryBaseMs / 2)));
}

/** One round of the webhook sender: new events become deliveries, then whatever is due is sent, until nothing is. */
export async function runWebhookRound(db: Db, settings: WebhookSettings): Promise<void> {
  await fanOutEvents(db, new Date());
  for (let round = 0; round < 20; round++) {
    const { delivered, failed } = await deliverDueWebhooks(db, settings, Date.now());
    if (delivered + failed === 0) return;
  }
}
