import { and, eq, inArray, lt, or, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { accountLinks, catalogs, items, revisionProblems, revisions, sessions, signInFailures, mailOutbox, webhookEvents, punchoutSessions, requisitionLists } from '#db/schema/index.ts';
import { SESSION_POLICY } from '#features/auth/session-policy.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';

/** What housekeeping keeps; KEEP_REVISIONS sets the revisions, the rest are fixed. */
export const RETENTION = {
  /** Superseded revisions kept per catalog (with the live one, rollback reaches these). */
  keepRevisions: 10,
  /** Used or expired invitation and reset links are kept this long after, for the audit trail on screen. */
  linksDays: 30,
  /** Failed sign-ins and reset requests: only the last 15 minutes count; kept a day. */
  signInFailuresMs: 24 * 60 * 60 * 1000,
  /** Sent mails shown at /admin/mail. */
  sentMailDays: 90,
  /** Webhook events and their delivery logs (none still being retried). */
  webhookDays: 30,
  /** Punchout sessions and their baskets, after they ended (transfer, cancel, 60 idle minutes) or their start link lapsed. */
  punchoutDays: 30,
} as const;

const stillSuperseded = (revisionId: AnyColumn) => sql`(SELECT state FROM revisions WHERE id = ${revisionId}) = 'superseded'`;

export interface HousekeepingResult { sessions: number; links: number; signInFailures: number; revisions: number; items: number; mails: number; webhookEvents: number; punchoutSessions: number }

/**
 * Removes what no one can use any more: expired sessions, used or expired links (after
 * `linksDays`), old sign-in failures, sent mails after `sentMailDays`, webhook events and their
 * delivery logs after `webhookDays` (unless a delivery is still retried), punchout sessions and
 * their baskets `punchoutDays` after they ended, and the items and problem
 * rows of superseded revisions beyond the newest `keepRevisions` per catalog (the revision row
 * stays, marked discarded, so history and audit still name it; rollback reaches the kept ones).
 */
export async function runHousekeeping(db: Db, options: { keepRevisions?: number; now?: Date } = {}): Promise<HousekeepingResult> {
  const now = options.now ?? new Date();
  const keep = options.keepRevisions ?? RETENTION.keepRevisions;
  const nowMs = now.getTime();
  const expiredSessions = await db.delete(sessions).where(or(
    lt(sessions.lastVerifiedAt, nowMs - SESSION_POLICY.inactivityMs),
    lt(sessions.createdAt, nowMs - SESSION_POLICY.absoluteMs),
  ));
  const linkCutoff = new Date(nowMs - RETENTION.linksDays * 86_400_000).toISOString();
  const oldLinks = await db.delete(accountLinks).where(or(
    and(isNotNull(accountLinks.usedAt), lt(accountLinks.usedAt, linkCutoff)),
    lt(accountLinks.expiresAt, linkCutoff),
  ));
  const failures = await db.delete(signInFailures).where(lt(signInFailures.at, nowMs - RETENTION.signInFailuresMs));
  const punchout = await removeOldPunchoutSessions(db, nowMs - RETENTION.punchoutDays * 86_400_000);
  const mails = await db.delete(mailOutbox).where(and(isNotNull(mailOutbox.sentAt), lt(mailOutbox.sentAt, new Date(nowMs - RETENTION.sentMailDays * 86_400_000).toISOString())));
  // An event's deliveries go with it (ON DELETE CASCADE).
  const oldWebhookEvents = await db.delete(webhookEvents).where(and(
    isNotNull(webhookEvents.fannedOutAt), lt(webhookEvents.createdAt, new Date(nowMs - RETENTION.webhookDays * 86_400_000).toISOString()),
    sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ${webhookEvents.id} AND d.state = 'pending')`,
  ));

  // Superseded revisions beyond the newest `keep` of each catalog lose their rows.
  let revisionCount = 0;
  let itemCount = 0;
  for (const { id: catalogId } of await db.select({ id: catalogs.id }).from(catalogs)) {
    const superseded = await db.select({ id: revisions.id }).from(revisions)
      .where(and(eq(revisions.catalogId, catalogId), eq(revisions.state, 'superseded'))).orderBy(sql`${revisions.publishedAt} DESC`, sql`${revisions.id} DESC`);
    const drop = superseded.slice(keep).map((r) => r.id);
    if (drop.length === 0) continue;
    const [deletedItems] = await withCatalogWrites(() => db.batch([
      // Only while still superseded (a rollback meanwhile made one live: it keeps everything).
      db.delete(items).where(and(inArray(items.revisionId, drop), stillSuperseded(items.revisionId))),
      db.delete(revisionProblems).where(and(inArray(revisionProblems.revisionId, drop), stillSuperseded(revisionProblems.revisionId))),
      db.update(revisions).set({ state: 'discarded' }).where(and(inArray(revisions.id, drop), eq(revisions.state, 'superseded'))),
    ]));
    revisionCount += drop.length;
    itemCount += deletedItems.rowsAffected;
  }
  return { sessions: expiredSessions.rowsAffected, links: oldLinks.rowsAffected, signInFailures: failures.rowsAffected, revisions: revisionCount, items: itemCount, mails: mails.rowsAffected, webhookEvents: oldWebhookEvents.rowsAffected, punchoutSessions: punchout };
}

/** Punchout sessions over before `cutoffMs` (ended, idle or never started) with their basket lists. */
async function removeOldPunchoutSessions(db: Db, cutoffMs: number): Promise<number> {
  const over = or(
    lt(punchoutSessions.endedAt, cutoffMs),
    and(sql`${punchoutSessions.startedAt} IS NULL`, lt(punchoutSessions.startExpiresAt, cutoffMs)),
    lt(punchoutSessions.lastSeenAt, cutoffMs),
  );
  const old = await db.select({ id: punchoutSessions.id, listId: punchoutSessions.listId }).from(punchoutSessions).where(over);
  if (old.length === 0) return 0;
  await db.batch([
    db.delete(punchoutSessions).where(inArray(punchoutSessions.id, old.map((s) => s.id))),
    db.delete(requisitionLists).where(inArray(requisitionLists.id, old.map((s) => s.listId))),
  ]);
  return old.length;
}
