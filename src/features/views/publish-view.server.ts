import { offLoop } from '#kernel/off-loop.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { customerViews, viewVersions, auditEvents, organizations } from '#db/schema/index.ts';
import { assertRulesApply, STALE_FORM_MESSAGE } from './edit-draft.server.ts';
import { countVisibleByCatalog } from './view-counts.server.ts';
import { draftDiffers } from './view-state.ts';
import { viewSubject, type ViewActor } from './view-audit.ts';
import { catalogInfos, getPublishedVersion, getView } from './view-records.server.ts';
import { ViewProblem } from './view-problem.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { viewPublishedEvent } from '#features/webhook-events/event-payloads.ts';

export interface PublishOptions {
  /** The view's updatedAt on the summary sales reviewed: publish exactly that draft, or refuse. */
  expectedStamp?: string;
}

/**
 * Publishes a view's draft as a new kept version and points the view at it, in one
 * transaction: buyers see either the old version or the new one, never a mix. The rules are
 * checked by the pricing module first; the audit line records who published what, with the
 * number of items each catalog shows, and the webhook outbox gets a `view.published` event.
 */
export function publishView(db: Db, viewId: number, actor: ViewActor, now: Date, options: PublishOptions = {}): Promise<number> {
  // Counting what each catalog shows reads every item of the view's catalogs: heavy work (#kernel/off-loop.ts).
  return offLoop('views.publish', { viewId, actor, now, options }, (input) => publishViewHere(db, input));
}

export interface PublishViewInput { viewId: number; actor: ViewActor; now: Date; options: PublishOptions }

/** publishView in this process. */
export async function publishViewHere(db: Db, { viewId, actor, now, options }: PublishViewInput): Promise<number> {
  const versionId = await db.transaction(async (tx) => {
    const view = await getView(tx, viewId);
    if (options.expectedStamp !== undefined && options.expectedStamp !== view.updatedAt) throw new ViewProblem(STALE_FORM_MESSAGE);
    if (view.draftRules.catalogs.length === 0) throw new ViewProblem('Add at least one catalog before publishing: a view without catalogs shows the customer nothing.');
    const current = await getPublishedVersion(tx, view);
    if (view.state === 'published' && current && !draftDiffers(view, current)) {
      throw new ViewProblem(`Nothing to publish: the customer already sees exactly this (version ${current.version}).`);
    }
    await assertRulesApply(tx, viewId, view.draftRules, view.draftValidFrom, view.draftValidUntil);
    const catalogs = await catalogInfos(tx, view.draftRules.catalogs.map((c) => c.catalogId));
    const missing = view.draftRules.catalogs.filter((c) => !catalogs.has(c.catalogId));
    if (missing.length > 0) throw new ViewProblem('A catalog of this view no longer exists; remove it from the view, then publish.');
    const live = new Map([...catalogs.values()].filter((c) => c.liveRevisionId !== null).map((c) => [c.id, c.liveRevisionId!]));
    const counts = await countVisibleByCatalog(tx, viewId, view.draftRules, live);

    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${viewVersions.version}), 0) + 1` }).from(viewVersions).where(eq(viewVersions.viewId, viewId))) as [{ next: number }];
    const [version] = await tx.insert(viewVersions).values({
      viewId, version: next, rules: view.draftRules, validFrom: view.draftValidFrom, validUntil: view.draftValidUntil, publishedAt: now.toISOString(), publishedBy: actor.id,
    }).returning();
    await tx.update(customerViews).set({ state: 'published', publishedVersionId: version!.id }).where(eq(customerViews.id, viewId));
    const [customer] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, view.customerOrgId)).limit(1);
    await tx.insert(auditEvents).values({
      at: now.toISOString(), kind: 'view-published', actorUserId: actor.id, actorEmail: actor.email, ip: actor.ip ?? null, subject: viewSubject(viewId),
      detail: {
        viewId, name: view.name, version: next, customerOrgId: view.customerOrgId, customer: customer?.name ?? null,
        validFrom: view.draftValidFrom, validUntil: view.draftValidUntil,
        catalogs: view.draftRules.catalogs.map((c) => ({ catalogId: c.catalogId, catalog: catalogs.get(c.catalogId)?.name ?? null, visibleItems: counts.get(c.catalogId) ?? 0 })),
      },
    });
    await webhookEventInsert(tx, [viewPublishedEvent({ id: viewId, name: view.name, customerOrgId: view.customerOrgId, customerName: customer?.name ?? null }, next, { validFrom: view.draftValidFrom, validUntil: view.draftValidUntil })], now);
    return version!.id;
  });
  nudgeWebhookSender();
  return versionId;
}
