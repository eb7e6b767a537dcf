import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * A form's outcome between its POST and the GET it redirects to (Post/Redirect/Get): the action's
 * result and, after an error, what was typed. Encrypted with the key only the browser's cookie
 * holds, since a result can carry a secret shown once (a new API token, an invitation link).
 * Read once, then deleted; rows nobody came back for expire within minutes.
 */
export const formResults = sqliteTable('form_results', {
  /** SHA-256 of the cookie's token, hex. */
  id: text('id').primaryKey(),
  /** AES-256-GCM of the JSON outcome: iv, tag and ciphertext, base64url, joined by dots. */
  sealed: text('sealed').notNull(),
  /** ms epoch after which the row is ignored and swept. */
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('form_results_expires_idx').on(t.expiresAt)]);
