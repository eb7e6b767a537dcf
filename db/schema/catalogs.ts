import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** A supplier's named set of products with one currency. */
export const catalogs = sqliteTable('catalogs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  supplierOrgId: integer('supplier_org_id').notNull().references(() => organizations.id),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  currency: text('currency').notNull(),
  /** The one revision buyers see; switched atomically by publish and rollback. */
  liveRevisionId: integer('live_revision_id'),
  /** Header → field choices the supplier made, reused on the next upload (JSON). */
  columnMapping: text('column_mapping', { mode: 'json' }).$type<Record<string, string>>(),
  createdAt: text('created_at').notNull(),
}, (t) => [index('catalogs_supplier_idx').on(t.supplierOrgId)]);

export const REVISION_STATES = ['processing', 'ready', 'published', 'superseded', 'discarded', 'failed'] as const;
export type RevisionState = (typeof REVISION_STATES)[number];
export const APPROVAL_STATES = ['none', 'pending', 'approved', 'rejected'] as const;

/** One upload of a catalog; immutable once validated. */
export const revisions = sqliteTable('revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  catalogId: integer('catalog_id').notNull().references(() => catalogs.id),
  /** The revision's number within its catalog (1, 2, 3…), what people read; ids stay in URLs and the API. */
  number: integer('number').notNull().default(0),
  state: text('state', { enum: REVISION_STATES }).notNull(),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
  processedAt: text('processed_at'),
  publishedAt: text('published_at'),
  publishedBy: integer('published_by').references(() => users.id),
  scheduledAt: text('scheduled_at'),
  approval: text('approval', { enum: APPROVAL_STATES }).notNull().default('none'),
  approvalComment: text('approval_comment'),
  /** Who approved or rejected the revision (sales or admin), and when. */
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewedAt: text('reviewed_at'),
  /** Publish only the rows that passed validation (the supplier chose it explicitly). */
  validRowsOnly: integer('valid_rows_only', { mode: 'boolean' }).notNull().default(false),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsChecked: integer('rows_checked').notNull().default(0),
  itemCount: integer('item_count').notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  warningCount: integer('warning_count').notNull().default(0),
  failureReason: text('failure_reason'),
  /** The stored upload, kept until the revision is ready so it can be read again (e.g. after column mapping). */
  uploadPath: text('upload_path'),
  /** The workbook sheet to read, when the supplier picked one. */
  sheet: text('sheet'),
  /** The file's headers with sample values, for the report and the column-mapping screen (JSON). */
  columnPreview: text('column_preview', { mode: 'json' }).$type<Array<{ header: string; values: string[] }>>(),
  /** Counts of the diff against the revision live when this one was checked (JSON). */
  diffSummary: text('diff_summary', { mode: 'json' }).$type<{ added: number; removed: number; changed: number; baseRevisionId: number | null }>(),
  /** How each column was read (header → role, as in catalogs.columnMapping), for the report and a later re-mapping (JSON). */
  columnRoles: text('column_roles', { mode: 'json' }).$type<Record<string, string>>(),
  /**
   * A worker's claim on a `processing` revision, renewed while it works. A processing revision
   * whose claim has lapsed (its process stopped) is picked up again by the next worker.
   */
  leaseUntil: text('lease_until'),
  /** How many times a worker has started reading this revision; a file that stops its worker again and again fails. */
  processAttempts: integer('process_attempts').notNull().default(0),
  /** Who scheduled the revision to go live at scheduledAt (the scheduler publishes on their behalf). */
  scheduledBy: integer('scheduled_by').references(() => users.id),
  /** When and by whom the revision was submitted for approval. */
  submittedAt: text('submitted_at'),
  submittedBy: integer('submitted_by').references(() => users.id),
}, (t) => [index('revisions_catalog_idx').on(t.catalogId, t.state), index('revisions_state_scheduled_idx').on(t.state, t.scheduledAt)]);

export interface PriceTier { minQty: number; priceMinor: number }

/**
 * One product line of a revision. Prices in integer minor units of the catalog's currency.
 * Only rows that passed validation are stored; rejected rows live in the report.
 */
export const items = sqliteTable('items', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  revisionId: integer('revision_id').notNull().references(() => revisions.id, { onDelete: 'cascade' }),
  rowNumber: integer('row_number').notNull(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Category path joined with " > ", e.g. "Tools > Drills > Cordless". */
  categoryPath: text('category_path').notNull().default(''),
  unit: text('unit').notNull().default('piece'),
  priceMinor: integer('price_minor').notNull(),
  tiers: text('tiers', { mode: 'json' }).$type<PriceTier[]>().notNull().default([]),
  minOrderQty: integer('min_order_qty').notNull().default(1),
  gtin: text('gtin'),
  manufacturer: text('manufacturer'),
  mpn: text('mpn'),
  attributes: text('attributes', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  /** Content hashes of the item's images, in order (JSON). */
  images: text('images', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /**
   * SKU, GTIN and manufacturer part number as search folds a code (kernel/product-code.ts), so a
   * quick order finds "af-ms-cs-10100-z" as AF-MS-CS-10100-Z; null until filled for older rows.
   */
  skuKey: text('sku_key'),
  gtinKey: text('gtin_key'),
  mpnKey: text('mpn_key'),
  /** Name and SKU as they sort for people, numbers by value (kernel/natural-sort-key.ts); null until filled. */
  nameSort: text('name_sort'),
  skuSort: text('sku_sort'),
}, (t) => [
  uniqueIndex('items_revision_sku_idx').on(t.revisionId, t.sku),
  index('items_revision_category_idx').on(t.revisionId, t.categoryPath),
  // A whole catalog's listing in name or SKU order (src/features/visibility/visible-items.server.ts)
  // reads its page from these instead of sorting every item; the expressions are the listing's own.
  index('items_revision_name_order_idx').on(t.revisionId, sql`coalesce(${t.nameSort}, lower(${t.name}))`, sql`coalesce(${t.skuSort}, ${t.sku})`, t.sku),
  index('items_revision_sku_order_idx').on(t.revisionId, sql`coalesce(${t.skuSort}, ${t.sku})`, t.sku),
]);

export const PROBLEM_SEVERITIES = ['error', 'warning'] as const;

/** The validation report of a revision: one row per problem. */
export const revisionProblems = sqliteTable('revision_problems', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  revisionId: integer('revision_id').notNull().references(() => revisions.id, { onDelete: 'cascade' }),
  severity: text('severity', { enum: PROBLEM_SEVERITIES }).notNull(),
  rowNumber: integer('row_number'),
  /** The SKU of the row the problem is in, when the row has one: the report names it, and the diff tells a row left out by an error from an item removed. */
  sku: text('sku'),
  column: text('column'),
  value: text('value'),
  expected: text('expected'),
  message: text('message').notNull(),
}, (t) => [index('revision_problems_revision_idx').on(t.revisionId, t.severity)]);
