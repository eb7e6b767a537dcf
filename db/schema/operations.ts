import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';

/** The operator's own name, contact and logo, shown everywhere; one row (id 1), written at first run. */
export const operatorSettings = sqliteTable('operator_settings', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  contactEmail: text('contact_email').notNull(),
  /** The logo as re-encoded by sharp (PNG), or null. */
  logo: blob('logo', { mode: 'buffer' }),
  logoVersion: integer('logo_version').notNull().default(0),
  updatedAt: text('updated_at').notNull(),
});

/** Mails to send, written in the same transaction as the event they tell of; sent in the background. */
export const mailOutbox = sqliteTable('mail_outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  createdAt: text('created_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  /** ms epoch of the next try; null once sent or given up. */
  nextAttemptAt: integer('next_attempt_at'),
  sentAt: text('sent_at'),
  failedAt: text('failed_at'),
  lastError: text('last_error'),
}, (t) => [index('mail_outbox_pending_idx').on(t.nextAttemptAt), index('mail_outbox_created_idx').on(t.createdAt)]);
