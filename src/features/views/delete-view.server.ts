import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, auditEvents } from '#db/schema/index.ts';
import { viewSubject, type ViewActor } from './view-audit.ts';
import { getView } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';

/**
 * Deletes a view that was never published. A view that buyers have seen keeps its versions as
 * a record of what was agreed: it can only be withdrawn.
 */
export async function deleteDraftView(db: Db, viewId: number, actor: ViewActor, now: Date): Promise<{ customerOrgId: number; name: string }> {
  return db.transaction(async (tx) => {
    const view = await getView(tx, viewId);
    if (view.publishedVersionId !== null) throw new ViewProblem('This view has been published, so its history is kept: withdraw it instead of deleting it.');
    await tx.delete(customerViews).where(eq(customerViews.id, viewId));
    await tx.insert(auditEvents).values({
      at: now.toISOString(), kind: 'view-deleted', actorUserId: actor.id, actorEmail: actor.email, ip: actor.ip ?? null,
      subject: viewSubject(viewId), detail: { viewId, name: view.name, customerOrgId: view.customerOrgId },
    });
    return { customerOrgId: view.customerOrgId, name: view.name };
  });
}
