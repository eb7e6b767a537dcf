import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { punchoutConnections, punchoutSessions } from '#db/schema/index.ts';
import type { PunchoutVisit } from '#features/auth/punchout-visit.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { loadCart } from './cart.server.ts';
import { noteUnmappedUnits } from './connections.server.ts';
import { cxmlOrderMessage } from './cxml-documents.ts';
import { ociBasketFields } from './oci-fields.ts';
import { endPunchoutSession } from './punchout-sessions.server.ts';
import { PunchoutProblem } from './punchout-problem.ts';
import { toTransferLines } from './transfer-lines.ts';
import type { TransferLine } from './transfer-line.ts';
import { pluralForm } from '#kernel/plural.ts';

/** What the transfer page posts, and where. */
export interface TransferForm { returnUrl: string; fields: Array<[string, string]>; lineCount: number }

function formFor(visit: PunchoutVisit, session: typeof punchoutSessions.$inferSelect, connection: typeof punchoutConnections.$inferSelect, lines: TransferLine[], currency: string, origin: string, now: Date): TransferForm {
  if (visit.protocol === 'oci') return { returnUrl: session.returnUrl, fields: ociBasketFields(lines, session.passBack), lineCount: lines.length };
  const message = cxmlOrderMessage({
    envelope: { payloadId: `${now.getTime()}.${randomBytes(6).toString('hex')}@${new URL(origin).hostname}`, timestamp: now },
    supplierIdentity: new URL(origin).hostname, buyerIdentity: connection.identity, buyerCookie: session.buyerCookie ?? '',
    operationAllowed: session.operation === 'inspect' ? 'inspect' : 'edit', currency, lines,
  });
  return { returnUrl: session.returnUrl, fields: [['cxml-urlencoded', message]], lineCount: lines.length };
}

/**
 * Ends the session and returns the basket's form for the procurement system: every cart line
 * at the buyer's net price at its quantity. A line whose unit has no Rec 20 code, an item no
 * longer in the buyer's catalogs, or a basket of two currencies is refused with what to change
 * (and the unit noted in the connection's health), before anything is sent. `cancel` sends an
 * empty basket back.
 */
export async function transferBasket(db: Db, visit: PunchoutVisit, origin: string, now: Date, cancel = false): Promise<TransferForm> {
  const [session] = await db.select().from(punchoutSessions).where(eq(punchoutSessions.id, visit.id)).limit(1);
  const [connection] = await db.select().from(punchoutConnections).where(eq(punchoutConnections.id, visit.connectionId)).limit(1);
  if (!session || !connection) throw new PunchoutProblem('This punchout session has ended.');
  const cart = await loadCart(db, visit, now);
  const basket = cancel ? { lines: [], unavailable: [], unmappedUnits: [], currencies: [] } : toTransferLines(cart.lines);
  if (basket.unmappedUnits.length) {
    await noteUnmappedUnits(db, connection.id, connection.unmappedUnits, basket.unmappedUnits);
    throw new PunchoutProblem(`The unit ${basket.unmappedUnits.map((u) => `“${u}”`).join(', ')} has no code ${visit.systemName} understands yet; remove those lines or ask your supplier’s sales contact. Nothing was sent.`);
  }
  if (basket.unavailable.length) throw new PunchoutProblem(`${basket.unavailable.join(', ')} ${pluralForm(basket.unavailable.length, 'is', 'are')} no longer in your catalogs: remove ${pluralForm(basket.unavailable.length, 'it', 'them')} before the transfer.`);
  if (basket.currencies.length > 1) throw new PunchoutProblem(`The basket mixes ${basket.currencies.join(' and ')}: transfer one currency at a time.`);
  if (!(await endPunchoutSession(db, visit.id, now))) throw new PunchoutProblem('This punchout session has ended.');
  const form = formFor(visit, session, connection, basket.lines, basket.currencies[0] ?? cart.lines[0]?.currency ?? 'EUR', origin, now);
  await recordAuditEvent(db, {
    kind: cancel ? 'punchout-cancelled' : 'punchout-transfer', actor: { id: visit.user.id, email: visit.user.email }, subject: `punchout-connection:${connection.id}`,
    detail: { protocol: visit.protocol, session: visit.id, lines: basket.lines.length, returnHost: new URL(session.returnUrl).host }, at: now,
  });
  return form;
}
