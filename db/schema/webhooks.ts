import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** Whose area an endpoint was registered in, which decides the events it may hear of. */
export const WEBHOOK_AUDIENCES = ['admin', 'supplier', 'sales'] as const;
export type WebhookAudience = (typeof WEBHOOK_AUDIENCES)[number];

/**
 * A URL an integrator registered to be told of events. The secret signs every delivery, so it is
 * kept as it is (a signing key cannot be hashed); it is shown once, on the first look at the
 * endpoint after it was made (`secretShownAt`), and never again.
 */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  audience: text('audience', { enum: WEBHOOK_AUDIENCES }).notNull(),
  /** The supplier's organization for a supplier's endpoint; the operator for admins' and sales'. */
  orgId: integer('org_id').notNull().references(() => organizations.id),
  createdBy: integer('created_by').references(() => users.id),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  secret: text('secret').notNull(),
  secretShownAt: text('secret_shown_at'),
  createdAt: text('created_at').notNull(),
  /** Since when every delivery failed (null after a success): 24 hours of it switch the endpoint off. */
  failingSince: text('failing_since'),
  disabledAt: text('disabled_at'),
  disabledReason: text('disabled_reason'),
}, (t) => [index('webhook_endpoints_owner_idx').on(t.audience, t.orgId)]);

/**
 * The webhook outbox: one row per event, written in the same transaction (or batch) as the
 * change it tells of; the sender turns it into a delivery per subscribed endpoint.
 */
export const webhookEvents = sqliteTable('webhook_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type').notNull(),
  /** The supplier whose catalog the event is about (catalog and revision events). */
  supplierOrgId: integer('supplier_org_id'),
  /** The customer whose view the event is about (view events). */
  customerOrgId: integer('customer_org_id'),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: text('created_at').notNull(),
  /** When deliveries were made for it; null while it waits for the sender. */
  fannedOutAt: text('fanned_out_at'),
}, (t) => [index('webhook_events_waiting_idx').on(t.fannedOutAt)]);

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** One event sent to one endpoint, retried with backoff; its last attempt is what the delivery log shows. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  eventId: integer('event_id').notNull().references(() => webhookEvents.id, { onDelete: 'cascade' }),
  endpointId: integer('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  /** The delivery this one sends again ("send again" in the log). */
  resendOf: integer('resend_of'),
  state: text('state', { enum: WEBHOOK_DELIVERY_STATES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  createdAt: text('created_at').notNull(),
  /** ms epoch of the next try (or the end of a claim's lease); null once delivered or given up. */
  nextAttemptAt: integer('next_attempt_at'),
  lastAttemptAt: text('last_attempt_at'),
  responseStatus: integer('response_status'),
  /** The first 1 KB of the last response's body. */
  responseExcerpt: text('response_excerpt'),
  lastError: text('last_error'),
  deliveredAt: text('delivered_at'),
}, (t) => [index('webhook_deliveries_due_idx').on(t.nextAttemptAt), index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id)]);
