import type { WebhookAudience } from '#db/schema/webhooks.ts';

/** Every event a webhook endpoint can be told of, with the words the forms show for it. */
export const WEBHOOK_EVENT_TYPES = {
  'revision.ready': 'A price list was checked: its revision is ready, with counts and the diff',
  'revision.failed': 'A price list could not be read',
  'catalog.published': 'A revision went live (published, approved or rolled back), with counts and the diff',
  'catalog.scheduled': 'A revision was scheduled to go live',
  'view.published': 'A customer view was published (customer, view version)',
  'view.withdrawn': 'A customer view was withdrawn',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const ALL_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/**
 * Which events each area may subscribe to: admins to everything, suppliers to their own
 * catalogs' events, sales to the customers' views. Never another tenant's data: a supplier is
 * never told of views (they hold a customer's prices), and only of their own catalogs.
 */
export const EVENTS_OF_AUDIENCE: Record<WebhookAudience, readonly WebhookEventType[]> = {
  admin: ALL_EVENT_TYPES,
  supplier: ['revision.ready', 'revision.failed', 'catalog.published', 'catalog.scheduled'],
  sales: ['view.published', 'view.withdrawn'],
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_TYPES, value);
}
