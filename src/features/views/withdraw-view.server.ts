import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, auditEvents } from '#db/schema/index.ts';
import { viewSubject, type ViewActor } from './view-audit.ts';
import { getPublishedVersion, getView } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';

/**
 * Takes a published view away from the customer at once. Its versions and its draft are kept,
 * so it can be published again later.
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
  });
}
