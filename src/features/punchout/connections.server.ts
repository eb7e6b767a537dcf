import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, punchoutConnections, users, type PunchoutProtocol } from '#db/schema/index.ts';
import { hashPassword } from '#features/auth/passwords.server.ts';
import { recordAuditEvent, type AuditActor } from '#features/audit/record-event.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';
import { parseReturnHosts } from './return-host.ts';

export interface NewConnection {
  customerOrgId: number; systemName: string; protocol: PunchoutProtocol; identity: string; buyerEmail: string; returnHosts: string;
  /** Given by the demo seed; otherwise a random one is made (and shown once). */
  secret?: string;
}

export interface ConnectionSummary {
  id: number; customerName: string; systemName: string; protocol: PunchoutProtocol; identity: string; buyerEmail: string;
  returnHosts: string[]; enabled: boolean; unmappedUnits: string[]; createdAt: string;
}

function checkText(value: string, field: string, what: string, max = 120): string {
  const clean = value.trim();
  if (clean === '') throw new PunchoutProblem(`Enter ${what}.`, 400, field);
  if (clean.length > max) throw new PunchoutProblem(`Use at most ${max} characters for ${what}.`, 400, field);
  return clean;
}

/**
 * Creates a connection for a customer's procurement system. The buyer account must be a buyer
 * of that customer (the sessions see exactly what that account sees). Returns the shared secret
 * in clear this once; only its argon2id hash is kept.
 */
export async function createConnection(db: Db, input: NewConnection, actor: AuditActor, now: Date): Promise<{ id: number; secret: string }> {
  const systemName = checkText(input.systemName, 'systemName', 'the procurement system’s name');
  const identity = checkText(input.identity, 'identity', input.protocol === 'oci' ? 'the OCI USERNAME' : 'the cXML identity').toLowerCase();
  const returnHosts = parseReturnHosts(input.returnHosts);
  const [customer] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations)
    .where(and(eq(organizations.id, input.customerOrgId), eq(organizations.kind, 'customer'))).limit(1);
  if (!customer) throw new PunchoutProblem('Choose the customer the connection is for.', 400, 'customerOrgId');
  const [buyer] = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.email, input.buyerEmail.trim().toLowerCase()), eq(users.orgId, customer.id), eq(users.role, 'buyer'))).limit(1);
  if (!buyer) throw new PunchoutProblem(`${input.buyerEmail.trim() || 'That address'} is not a buyer account of ${customer.name}: create a dedicated buyer for the connection first.`, 400, 'buyerEmail');
  const [taken] = await db.select({ id: punchoutConnections.id }).from(punchoutConnections).where(eq(punchoutConnections.identity, identity)).limit(1);
  if (taken) throw new PunchoutProblem(`Another connection already uses the identity ${identity}.`, 400, 'identity');
  const secret = input.secret ?? randomBytes(18).toString('base64url');
  const [row] = await db.insert(punchoutConnections).values({
    customerOrgId: customer.id, systemName, protocol: input.protocol, identity, secretHash: await hashPassword(secret),
    buyerUserId: buyer.id, returnHosts, createdBy: actor.id, createdAt: now.toISOString(),
  }).returning({ id: punchoutConnections.id });
  await recordAuditEvent(db, { kind: 'punchout-connection-created', actor, subject: `punchout-connection:${row!.id}`, detail: { customer: customer.name, systemName, protocol: input.protocol, identity, returnHosts }, at: now });
  return { id: row!.id, secret };
}

export async function listConnections(db: Db): Promise<ConnectionSummary[]> {
  const rows = await db.select({ c: punchoutConnections, customerName: organizations.name, buyerEmail: users.email }).from(punchoutConnections)
    .innerJoin(organizations, eq(organizations.id, punchoutConnections.customerOrgId))
    .innerJoin(users, eq(users.id, punchoutConnections.buyerUserId))
    .orderBy(asc(organizations.name), asc(punchoutConnections.id));
  return rows.map(({ c, customerName, buyerEmail }) => ({
    id: c.id, customerName, systemName: c.systemName, protocol: c.protocol, identity: c.identity, buyerEmail,
    returnHosts: c.returnHosts, enabled: c.enabled, unmappedUnits: c.unmappedUnits, createdAt: c.createdAt,
  }));
}

/** Switches a connection on or off; off, its setups are refused and its open sessions end at their next request. */
export async function setConnectionEnabled(db: Db, id: number, enabled: boolean, actor: AuditActor, now: Date): Promise<void> {
  const updated = await db.update(punchoutConnections).set({ enabled }).where(eq(punchoutConnections.id, id)).returning({ id: punchoutConnections.id, identity: punchoutConnections.identity });
  if (updated.length === 0) throw new PunchoutProblem('There is no such connection.');
  await recordAuditEvent(db, { kind: enabled ? 'punchout-connection-enabled' : 'punchout-connection-disabled', actor, subject: `punchout-connection:${id}`, detail: { identity: updated[0]!.identity }, at: now });
}

/** Units met at a transfer without a Rec 20 code, kept on the connection for its health line. */
export async function noteUnmappedUnits(db: Db, id: number, known: readonly string[], found: readonly string[]): Promise<void> {
  const all = [...new Set([...known, ...found])];
  if (all.length !== known.length) await db.update(punchoutConnections).set({ unmappedUnits: all }).where(eq(punchoutConnections.id, id));
}
