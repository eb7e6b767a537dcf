import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { items, revisions } from '#db/schema/index.ts';
import { recordCatalogEvent } from '#features/ingest/revisions/record-catalog-event.server.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { revisionForSupplier } from '#features/ingest/revisions/find-revision.server.ts';
import { stateWords } from './going-live-checks.ts';
import type { CommandMeta } from './publish-now.server.ts';
import { RevisionProblem } from '#features/ingest/revisions/revision-problem.ts';
import { revisionSubject } from '#features/ingest/revisions/revision-subject.ts';
import { withCatalogWrites } from '#features/ingest/revisions/catalog-writes.ts';

const DISCARDABLE = ['processing', 'ready', 'failed'] as const;

/**
 * Drops a revision that was never live: being read (the reader stops), checked, or failed. Its
 * items go (the report and counts stay for the history); the kept upload is deleted by the
 * background work. What buyers see does not change.
 */
export async function discardRevision(db: Db, actor: SessionUser, revisionId: number | null, meta: CommandMeta): Promise<void> {
  const { revision, catalog } = await revisionForSupplier(db, actor, revisionId);
  if (!(DISCARDABLE as readonly string[]).includes(revision.state)) {
    throw new RevisionProblem(`This revision is ${stateWords(revision.state)}; only one that was never live can be discarded.`);
  }
  const [done] = await withCatalogWrites(() => db.batch([
    db.update(revisions).set({ state: 'discarded', scheduledAt: null, scheduledBy: null, leaseUntil: null })
      .where(and(eq(revisions.id, revision.id), inArray(revisions.state, [...DISCARDABLE]))),
    db.delete(items).where(and(eq(items.revisionId, revision.id), eq(sql`(SELECT state = 'discarded' FROM revisions WHERE id = ${revision.id})`, 1))),
  ]));
  if (done.rowsAffected === 0) throw new RevisionProblem('This revision changed meanwhile (it may have gone live); reload the page.');
  await recordCatalogEvent(db, { kind: 'revision-discarded', actor, ip: meta.ip, at: meta.at, subject: revisionSubject(catalog.slug, revision.id), detail: { previousState: revision.state } });
}
