import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { customerViews, viewVersions, auditEvents } from '../../../db/schema/index.ts';

/**
 * Publishes a view's draft as a new kept version and points the view at it, in one
 * transaction: buyers see either the old version or the new one, never a mix.
 */
export async function publishView(db: Db, viewId: number, actor: { id: number | null; email: string | null; ip?: string | null }, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [view] = await tx.select().from(customerViews).where(eq(customerViews.id, viewId)).limit(1);
    if (!view) throw new Error('This view does not exist.');
    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${viewVersions.version}), 0) + 1` }).from(viewVersions).where(eq(viewVersions.viewId, viewId))) as [{ next: number }];
    const [version] = await tx.insert(viewVersions).values({
      viewId, version: next, rules: view.draftRules, validFrom: view.draftValidFrom, validUntil: view.draftValidUntil, publishedAt: now.toISOString(), publishedBy: actor.id,
    }).returning();
    await tx.update(customerViews).set({ state: 'published', publishedVersionId: version!.id, updatedAt: now.toISOString(), updatedBy: actor.id }).where(eq(customerViews.id, viewId));
    await tx.insert(auditEvents).values({ at: now.toISOString(), kind: 'view-published', actorUserId: actor.id, actorEmail: actor.email, ip: actor.ip ?? null, subject: `view ${viewId} version ${next}`, detail: { viewId, version: next, customerOrgId: view.customerOrgId } });
    return version!.id;
  });
}
