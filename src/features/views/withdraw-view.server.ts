import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, auditEvents, organizations } from '#db/schema/index.ts';
import { viewSubject, type ViewActor } from './view-audit.ts';
import { getPublishedVersion, getView } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { viewWithdrawnEvent } from '#features/webhook-events/event-payloads.ts';

/**
 * Takes a published view away from the customer at once. Its versions and its draft are kept,
 * so it can be published again later. The webhook outbox gets a `view.withdrawn` event.
 */
export async function withdrawView(db: Db, viewId: number, actor: ViewActor, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const view = await getView(tx, viewId);
    if (view.state !== 'published') throw new ViewProblem(view.state === 'withdrawn' ? 'This view is already withdrawn.' : 'This view was never published, so there is nothing to withdraw.');
    const version = await getPublishedVersion(tx, view);
    await tx.update(customerViews).set({ state: 'withdrawn' }).where(eq(customerViews.id, viewId));
    await tx.insert(auditEvents).values({
      at: now.toISOString(), kind: 'view-withdrawn', actorUserId: actor.id, actorEmail: actor.email, ip: actor.ip ?? null, subject: viewSubject(viewId),
      detail: { viewId, name: view.name, version: version?.version ?? null, customerOrgId: view.customerOrgId },
    });
    const [customer] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, view.customerOrgId)).limit(1);
    await webhookEventInsert(tx, [viewWithdrawnEvent({ id: viewId, name: view.name, customerOrgId: view.customerOrgId, customerName: customer?.name ?? null }, version?.version ?? null)], now);
  });
  nudgeWebhookSender();
}
