import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';

/**
 * One row: the id of the newest audit event of a kind that changes what a cached page or a
 * remembered session may say (src/features/page-cache/stamp-kinds.ts). A trigger on
 * audit_events keeps it (migration 0005), so every process moves it in the writing transaction,
 * and the fast lane reads it by primary key.
 */
export const changeStamps = sqliteTable('change_stamps', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});
