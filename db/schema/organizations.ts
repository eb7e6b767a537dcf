import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';

export const ORG_KINDS = ['operator', 'supplier', 'customer'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** A company taking part: the operator running Vitrine, a supplier, or a customer. */
export const organizations = sqliteTable('organizations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  slug: text('slug').notNull().unique(),
  kind: text('kind', { enum: ORG_KINDS }).notNull(),
  description: text('description').notNull().default(''),
  website: text('website'),
  /** Supplier setting: publishing becomes "submit for approval". */
  requiresApproval: integer('requires_approval', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});
