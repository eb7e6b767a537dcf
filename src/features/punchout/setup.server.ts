import { eq, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { punchoutConnections, users, type PunchoutProtocol } from '#db/schema/index.ts';
import { spendVerifyTime, verifyPassword } from '#features/auth/passwords.server.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { addLine } from '#features/lists/lists.server.ts';
import { resolveBuyerScope } from '#features/visibility/buyer-scope.server.ts';
import { openBrowseContext } from '#features/visibility/browse-context.server.ts';
import { findVisibleBySkus } from '#features/visibility/visible-items.server.ts';
import { readCxmlSetupRequest, type CxmlSetupRequest } from './cxml-setup-request.ts';
import { readOciSetupRequest } from './oci-fields.ts';
import { insertPunchoutSession } from './punchout-sessions.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';
import { checkReturnUrl } from './return-host.ts';

type Connection = typeof punchoutConnections.$inferSelect;

const REFUSED = 'The identity or shared secret is not right for any connection.';

/** The connection these credentials open, or a 401 that does not tell which part was wrong. */
async function authenticate(db: Db, protocol: PunchoutProtocol, identities: readonly string[], secret: string): Promise<Connection> {
  const lower = [...new Set(identities.map((i) => i.trim().toLowerCase()))];
  const rows = lower.length ? await db.select().from(punchoutConnections).where(inArray(punchoutConnections.identity, lower)) : [];
  const connection = rows.find((r) => r.protocol === protocol);
  if (!connection) {
    await spendVerifyTime(secret);
    throw new PunchoutProblem(REFUSED, 401);
  }
  if (!(await verifyPassword(connection.secretHash, secret))) throw new PunchoutProblem(REFUSED, 401);
  if (!connection.enabled) throw new PunchoutProblem('This connection is switched off. Ask your supplier’s sales contact to switch it on again.', 401);
  const [buyer] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, connection.buyerUserId)).limit(1);
  if (!buyer || buyer.disabledAt) throw new PunchoutProblem('The buyer account of this connection is disabled.', 401);
  return connection;
}

/** The lines of an edit or inspect, as far as the buyer still sees their items; the rest are named back. */
async function prefillCart(db: Db, connection: Connection, listId: number, lines: CxmlSetupRequest['lines'], now: Date): Promise<string[]> {
  if (lines.length === 0) return [];
  const ctx = await openBrowseContext(db, await resolveBuyerScope(db, connection.customerOrgId, now));
  const found = await findVisibleBySkus(db, ctx, lines.map((l) => l.sku));
  const missing: string[] = [];
  for (const line of lines) {
    const item = found.find((i) => i.sku === line.sku);
    if (item) await addLine(db, listId, item.catalog.id, item.sku, Math.max(line.quantity, item.minOrderQty));
    else missing.push(line.sku);
  }
  return missing;
}

export interface SetupOutcome { startToken: string; connectionId: number }

/** A cXML PunchOutSetupRequest: checks it, opens a session and returns its start token. */
export async function setUpCxmlSession(db: Db, xml: string, now: Date, ip: string | null): Promise<SetupOutcome> {
  const request = readCxmlSetupRequest(xml);
  const connection = await authenticate(db, 'cxml', request.identities, request.sharedSecret);
  const returnUrl = checkReturnUrl(request.returnUrl, connection.returnHosts);
  const opened = await insertPunchoutSession(db, { connectionId: connection.id, buyerUserId: connection.buyerUserId, operation: request.operation, buyerCookie: request.buyerCookie, returnUrl, passBack: {} }, now);
  const missing = request.operation === 'create' ? [] : await prefillCart(db, connection, opened.listId, request.lines, now);
  await recordAuditEvent(db, {
    kind: 'punchout-setup', actor: { id: connection.buyerUserId, email: null }, ip, subject: `punchout-connection:${connection.id}`,
    detail: { protocol: 'cxml', operation: request.operation, session: opened.id, returnHost: new URL(returnUrl).host, lines: request.lines.length, missing }, at: now,
  });
  return { startToken: opened.startToken, connectionId: connection.id };
}

/** An SAP OCI call: checks it, opens a session and returns its start token. */
export async function setUpOciSession(db: Db, fields: URLSearchParams, now: Date, ip: string | null): Promise<SetupOutcome> {
  const request = readOciSetupRequest(fields);
  const connection = await authenticate(db, 'oci', [request.username], request.password);
  const returnUrl = checkReturnUrl(request.returnUrl, connection.returnHosts);
  const opened = await insertPunchoutSession(db, { connectionId: connection.id, buyerUserId: connection.buyerUserId, operation: 'create', buyerCookie: null, returnUrl, passBack: request.passBack }, now);
  await recordAuditEvent(db, {
    kind: 'punchout-setup', actor: { id: connection.buyerUserId, email: null }, ip, subject: `punchout-connection:${connection.id}`,
    detail: { protocol: 'oci', operation: 'create', session: opened.id, returnHost: new URL(returnUrl).host }, at: now,
  });
  return { startToken: opened.startToken, connectionId: connection.id };
}

/** A refused setup is audited too, with the reason it was given (never the secret). */
export async function recordRefusedSetup(db: Db, protocol: PunchoutProtocol, reason: string, ip: string | null, now: Date): Promise<void> {
  await recordAuditEvent(db, { kind: 'punchout-setup-refused', actor: null, ip, subject: null, detail: { protocol, reason }, at: now });
}
