import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.ts';

export const ROLES = ['buyer', 'supplier', 'sales', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  /** Stored lower-cased; compared lower-cased. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash'),
  disabledAt: text('disabled_at'),
  createdAt: text('created_at').notNull(),
  /** When the buyer's previous visit to their catalogs ended; "what changed since your last visit" starts here. */
  lastVisitAt: text('last_visit_at'),
  /** The buyer's latest catalog page view; a gap of more than a visit's length starts a new visit (see browse/visits). */
  lastSeenAt: text('last_seen_at'),
  /** Buyer's opt-in to the daily "what changed for you" mail. */
  digestOptIn: integer('digest_opt_in', { mode: 'boolean' }).notNull().default(false),
  /** When the last digest went out (or opt-in began): the next one tells what changed since. */
  digestSince: text('digest_since'),
}, (t) => [index('users_org_idx').on(t.orgId)]);

/** Sign-in sessions: only the SHA-256 of the token's secret is kept. */
export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
  lastVerifiedAt: integer('last_verified_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const LINK_PURPOSES = ['invite', 'reset'] as const;

/** Single-use links: invitations to a new account and password resets. */
export const accountLinks = sqliteTable('account_links', {
  id: text('id').primaryKey(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  purpose: text('purpose', { enum: LINK_PURPOSES }).notNull(),
  email: text('email').notNull(),
  orgId: integer('org_id').notNull().references(() => organizations.id),
  role: text('role', { enum: ROLES }).notNull(),
  userId: integer('user_id').references(() => users.id),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

/** Bearer tokens for the JSON API, shown once, stored hashed. */
export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/** Failed sign-ins, kept for rate limiting by account and by address. */
export const signInFailures = sqliteTable('sign_in_failures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('sign_in_failures_key_idx').on(t.key, t.at)]);
