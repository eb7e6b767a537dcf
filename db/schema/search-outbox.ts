import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/** Changes an external search index must catch up with; written in the publish transaction. */
export const searchOutbox = sqliteTable('search_outbox', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  catalogId: integer('catalog_id').notNull(),
  revisionId: integer('revision_id'),
  createdAt: text('created_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at'),
  doneAt: text('done_at'),
  lastError: text('last_error'),
}, (t) => [index('search_outbox_pending_idx').on(t.doneAt, t.nextAttemptAt)]);
