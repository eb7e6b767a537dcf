import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';
import { requisitionLists } from './lists.ts';

export const PUNCHOUT_PROTOCOLS = ['cxml', 'oci'] as const;
export type PunchoutProtocol = (typeof PUNCHOUT_PROTOCOLS)[number];

/**
 * A customer's procurement system allowed to open punchout sessions: the identity it sends
 * (cXML From/Sender identity, or OCI USERNAME), its shared secret (argon2id, shown once), the
 * dedicated buyer account the sessions act as, and the hosts the basket may be returned to.
 */
export const punchoutConnections = sqliteTable('punchout_connections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  customerOrgId: integer('customer_org_id').notNull().references(() => organizations.id),
  /** What the banner calls it: "Transfer to <systemName>". */
  systemName: text('system_name').notNull(),
  protocol: text('protocol', { enum: PUNCHOUT_PROTOCOLS }).notNull(),
  /** Stored lower-cased; compared lower-cased. */
  identity: text('identity').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  buyerUserId: integer('buyer_user_id').notNull().references(() => users.id),
  /** Host names the return URL (BrowserFormPost / HOOK_URL) must have, as a JSON array. */
  returnHosts: text('return_hosts', { mode: 'json' }).$type<string[]>().notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** The connection's health: item units met at a transfer that have no UN/ECE Rec 20 code (those lines were held back). */
  unmappedUnits: text('unmapped_units', { mode: 'json' }).$type<string[]>().notNull().default([]),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
}, (t) => [index('punchout_connections_customer_idx').on(t.customerOrgId)]);

/**
 * One punchout session: opened by a setup request (a start token good once for 5 minutes), then
 * carried by its own cookie until transfer, cancel or 60 idle minutes. The cart is a
 * requisition list of the connection's buyer that belongs to this session alone.
 */
export const punchoutSessions = sqliteTable('punchout_sessions', {
  id: text('id').primaryKey(),
  connectionId: integer('connection_id').notNull().references(() => punchoutConnections.id, { onDelete: 'cascade' }),
  startSecretHash: blob('start_secret_hash', { mode: 'buffer' }).notNull(),
  startExpiresAt: integer('start_expires_at').notNull(),
  startedAt: integer('started_at'),
  /** SHA-256 of the cookie's secret, set when the start page is opened. */
  cookieSecretHash: blob('cookie_secret_hash', { mode: 'buffer' }),
  lastSeenAt: integer('last_seen_at'),
  endedAt: integer('ended_at'),
  /** 'create' | 'edit' | 'inspect' (cXML); OCI sessions are 'create'. */
  operation: text('operation').notNull(),
  buyerCookie: text('buyer_cookie'),
  returnUrl: text('return_url').notNull(),
  /** OCI's `~OkCode`, `~target`, `~caller`, returned as received. */
  passBack: text('pass_back', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  listId: integer('list_id').notNull().references(() => requisitionLists.id),
  createdAt: integer('created_at').notNull(),
}, (t) => [index('punchout_sessions_connection_idx').on(t.connectionId)]);
