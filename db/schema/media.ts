import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

/** An image stored once per content hash; its WebP variants live on disk under MEDIA_DIR. */
export const media = sqliteTable('media', {
  hash: text('hash').primaryKey(),
  mime: text('mime').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  /** Widths of the WebP variants written (JSON). */
  variants: text('variants', { mode: 'json' }).$type<number[]>().notNull(),
  createdAt: text('created_at').notNull(),
});
