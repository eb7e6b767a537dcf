import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/** Who did what, when, from where. Never holds a password or a token. */
export const auditEvents = sqliteTable('audit_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  kind: text('kind').notNull(),
  actorUserId: integer('actor_user_id'),
  actorEmail: text('actor_email'),
  ip: text('ip'),
  subject: text('subject'),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
}, (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_kind_idx').on(t.kind), index('audit_events_actor_idx').on(t.actorUserId)]);
