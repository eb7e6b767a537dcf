import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { catalogs, organizations, revisions, users } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import { attentionMailsForPublish } from '#features/notifications/attention-mails.server.ts';
import { makeRevisionLive, PublishRefused } from './publish-revision.server.ts';
import { revisionSubject } from '#features/ingest/revisions/revision-subject.ts';
import { mayGoLive } from './approval-rules.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';

export interface ScheduleOutcome { revisionId: number; published: boolean; reason?: string }

/**
 * Makes every scheduled revision whose time has come live, oldest schedule first, on behalf of
 * whoever scheduled it. Read from the database on every run, so schedules survive restarts and
 * any app process may do it (makeRevisionLive refuses a second switch of the same revision). A
 * revision still waiting for approval waits; one that can no longer go live loses its schedule,
 * and the log says why.
 */
export async function publishDueSchedules(db: Db, now: Date): Promise<ScheduleOutcome[]> {
  const due = await db.select({
    id: revisions.id, approval: revisions.approval, requiresApproval: organizations.requiresApproval, slug: catalogs.slug,
    actorId: users.id, actorEmail: users.email,
  }).from(revisions)
    .innerJoin(catalogs, eq(catalogs.id, revisions.catalogId))
    .innerJoin(organizations, eq(organizations.id, catalogs.supplierOrgId))
    .leftJoin(users, eq(users.id, revisions.scheduledBy))
    .where(and(eq(revisions.state, 'ready'), isNotNull(revisions.scheduledAt), lte(revisions.scheduledAt, now.toISOString())))
    .orderBy(revisions.scheduledAt, revisions.id);
  const outcomes: ScheduleOutcome[] = [];
  for (const r of due) {
    if (!mayGoLive(r.approval, r.requiresApproval)) continue;
    try {
      const mails = await attentionMailsForPublish(db, r.id);
      await withCatalogWrites(() => makeRevisionLive(db, r.id, { id: r.actorId, email: r.actorEmail }, now, 'publish', mails));
      outcomes.push({ revisionId: r.id, published: true });
    } catch (e) {
      if (!(e instanceof PublishRefused)) throw e;
      // Another process made it live (or it was discarded) a moment ago: nothing to undo.
      const [current] = await db.select({ state: revisions.state }).from(revisions).where(eq(revisions.id, r.id)).limit(1);
      if (current?.state !== 'ready') continue;
      await withCatalogWrites(() => db.update(revisions).set({ scheduledAt: null, scheduledBy: null }).where(and(eq(revisions.id, r.id), eq(revisions.state, 'ready'))));
      await recordCatalogEvent(db, { kind: 'revision-schedule-failed', actor: null, at: now, subject: revisionSubject(r.slug, r.id), detail: { reason: e.message } });
      outcomes.push({ revisionId: r.id, published: false, reason: e.message });
    }
  }
  return outcomes;
}
