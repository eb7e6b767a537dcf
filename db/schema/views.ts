import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** The rules of a customer view: what the customer sees and pays. Prices in minor units. */
export interface ViewRules {
  catalogs: Array<{
    catalogId: number;
    /** Percent off list price for the whole catalog, e.g. 12.5. */
    percentOff?: number;
    includeCategories?: string[];
    excludeCategories?: string[];
    includeSkus?: string[];
    excludeSkus?: string[];
    categoryPercentOff?: Array<{ categoryPath: string; percentOff: number }>;
    /** keepBreaks: the supplier's quantity breaks (with the view's percentages) still apply where they are lower; otherwise the fixed price replaces them. */
    fixedPrices?: Array<{ sku: string; priceMinor: number; tiers?: Array<{ minQty: number; priceMinor: number }>; keepBreaks?: boolean }>;
  }>;
}

export const VIEW_STATES = ['draft', 'published', 'withdrawn'] as const;

/** What sales publishes for one customer organization. The draft is edited freely; buyers see the published version. */
export const customerViews = sqliteTable('customer_views', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  customerOrgId: integer('customer_org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  note: text('note').notNull().default(''),
  state: text('state', { enum: VIEW_STATES }).notNull().default('draft'),
  draftRules: text('draft_rules', { mode: 'json' }).$type<ViewRules>().notNull(),
  draftValidFrom: text('draft_valid_from'),
  draftValidUntil: text('draft_valid_until'),
  publishedVersionId: integer('published_version_id'),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
}, (t) => [index('customer_views_org_idx').on(t.customerOrgId)]);

/** Every published state of a view, kept. */
export const viewVersions = sqliteTable('view_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  viewId: integer('view_id').notNull().references(() => customerViews.id),
  version: integer('version').notNull(),
  rules: text('rules', { mode: 'json' }).$type<ViewRules>().notNull(),
  validFrom: text('valid_from'),
  validUntil: text('valid_until'),
  publishedAt: text('published_at').notNull(),
  publishedBy: integer('published_by').references(() => users.id),
}, (t) => [index('view_versions_view_idx').on(t.viewId)]);
