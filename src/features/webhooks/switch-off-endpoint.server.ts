import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { users, webhookDeliveries, webhookEndpoints } from '#db/schema/index.ts';
import { auditEventInsert } from '#features/audit/record-event.server.ts';
import { composeMail } from '#features/mail/compose-mail.ts';
import { mailInsert, nudgeMailSender, recipientsOf, type OutgoingMail } from '#features/mail/mail-outbox.server.ts';
import { publicUrl } from '#features/mail/public-url.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { webhookPaths } from '#src/paths.ts';
import { endpointSubject } from './webhook-endpoints.server.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** Whom to tell: the person who registered the endpoint, or (when they are gone) the people of its area and organization. */
async function ownersOf(db: Db, endpoint: EndpointRow): Promise<Array<{ email: string; name: string }>> {
  if (endpoint.createdBy !== null) {
    const [creator] = await db.select({ email: users.email, name: users.name }).from(users).where(and(eq(users.id, endpoint.createdBy), isNull(users.disabledAt))).limit(1);
    if (creator) return [creator];
  }
  return recipientsOf(db, { orgId: endpoint.orgId, role: endpoint.audience });
}

/**
 * Switches off an endpoint every delivery to which failed for 24 hours: its waiting deliveries
 * are given up, the audit log records it (webhook-endpoint-switched-off), and its owner is told
 * by mail, all in one transaction. Returns false when another process did it first.
 */
export async function switchOffEndpoint(db: Db, endpoint: EndpointRow, reason: string, now: Date): Promise<boolean> {
  const brand = await operatorBrand(db);
  const link = publicUrl(webhookPaths(endpoint.audience).endpoint(endpoint.id));
  const mails: OutgoingMail[] = (await ownersOf(db, endpoint)).map((p) => ({
    ...composeMail(brand.name, 'Webhook endpoint switched off', `Hello ${p.name},`, [
      `Every delivery to your webhook endpoint failed for 24 hours, so it is switched off: no events are sent to it until you switch it on again.`,
      { facts: [['Endpoint', endpoint.url], ['Last failure', reason]] },
      'Fix the receiver, then switch the endpoint on and send the failed deliveries again from its delivery log.',
      { link, label: 'Open the endpoint' },
    ]),
    to: p.email, kind: 'webhook-switched-off',
  }));
  const switched = await db.transaction(async (tx) => {
    const done = await tx.update(webhookEndpoints).set({ disabledAt: now.toISOString(), disabledReason: reason })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.disabledAt)));
    if (done.rowsAffected === 0) return false;
    await tx.update(webhookDeliveries).set({ state: 'failed', nextAttemptAt: null, lastError: 'given up: the endpoint was switched off' })
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.state, 'pending')));
    await auditEventInsert(tx as unknown as Db, { kind: 'webhook-endpoint-switched-off', actor: null, at: now, subject: endpointSubject(endpoint.id), detail: { url: endpoint.url, reason } });
    if (mails.length > 0) await mailInsert(tx as unknown as Db, mails, now);
    return true;
  });
  if (switched && mails.length > 0) nudgeMailSender();
  return switched;
}
