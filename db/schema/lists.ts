import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { users } from './users.ts';
import { catalogs } from './catalogs.ts';

/** A buyer's requisition list. */
export const requisitionLists = sqliteTable('requisition_lists', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('requisition_lists_user_idx').on(t.userId)]);

/** Lines point at catalog + SKU, not at an item row, so they survive new revisions. */
export const requisitionLines = sqliteTable('requisition_lines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  listId: integer('list_id').notNull().references(() => requisitionLists.id, { onDelete: 'cascade' }),
  catalogId: integer('catalog_id').notNull().references(() => catalogs.id),
  sku: text('sku').notNull(),
  quantity: integer('quantity').notNull(),
}, (t) => [index('requisition_lines_list_idx').on(t.listId)]);
