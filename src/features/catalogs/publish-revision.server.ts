import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import type { Tx } from '#features/search/db-executor.ts';
import { catalogs, revisions, searchOutbox, auditEvents } from '#db/schema/index.ts';
import { readDocumentsEarly, removeReplacedDocuments, replaceCatalogDocuments, writeDocumentsAhead, type DocumentsAhead } from '#features/search/embedded-documents.server.ts';
import { prepareSearchSnapshot, removeTableAhead, writeTableAhead, type PreparedSnapshot } from '#features/search/search-snapshot.server.ts';
import { searchSnapshotsWanted } from '#features/search/search-snapshot-setting.ts';
import { databaseFileOf } from '#db/database-file.ts';
import { mailInsert, nudgeMailSender, type OutgoingMail } from '#features/mail/mail-outbox.server.ts';
import { nudgeWebhookSender, webhookEventInsert } from '#features/webhook-events/webhook-outbox.server.ts';
import { catalogPublishedEvent } from '#features/webhook-events/event-payloads.ts';
import { plural } from '#kernel/plural.ts';

export class PublishRefused extends Error {}

export interface PublishActor { id: number | null; email: string | null; ip?: string | null }

/**
 * Makes a revision the live one of its catalog, in one transaction: the previous live revision
 * becomes superseded, the live pointer moves, the search outbox gets an entry, the audit log a
 * line, the webhook outbox a `catalog.published` event, and `mails` (sales told of view rules
 * needing attention) the mail outbox. Also serves rollback: a superseded revision can be made
 * live again. For a database file, the search documents and words as the publish leaves them are
 * written beside it once committed, for the serving processes to read (search-snapshot.server.ts),
 * unless Meilisearch answers searches (search-snapshot-setting.ts).
 */
export async function makeRevisionLive(db: Db, revisionId: number, actor: PublishActor, now: Date, kind: 'publish' | 'rollback' = 'publish', mails: OutgoingMail[] = []): Promise<void> {
  const databaseFile = searchSnapshotsWanted() ? databaseFileOf(db) : null;
  const prepared: { snapshot?: PreparedSnapshot | null } = {};
  // Before the transaction: the revision's search documents written in short steps of their own,
  // then the document table as the switch will leave the index (the transaction checks both).
  const ahead = await writeRevisionDocumentsAhead(db, revisionId);
  const tableAhead = ahead && databaseFile ? await writeTableAhead(db, databaseFile, ahead.catalogId, ahead.revisionId) : null;
  let catalogId = ahead?.catalogId ?? null;
  try {
    catalogId = await switchLive(db, revisionId, actor, now, kind, mails, ahead, async (tx, { tookAhead }) => {
      // The search documents as this publish leaves them, for every serving process (the words after the commit).
      if (databaseFile) prepared.snapshot = await prepareSearchSnapshot(tx, databaseFile, tookAhead ? tableAhead : null);
    });
  } catch (e) {
    await prepared.snapshot?.discard();
    if (catalogId !== null) await removeReplacedDocuments(db, catalogId); // what was written ahead for nothing
    throw e;
  } finally {
    if (databaseFile) await removeTableAhead(databaseFile, tableAhead);
  }
  // The replaced revision's documents out before the word list is read, so its counts are the live ones.
  await removeReplacedDocuments(db, catalogId);
  await prepared.snapshot?.install(db);
  if (mails.length > 0) nudgeMailSender();
  nudgeWebhookSender();
}

/** The revision's documents read and written ahead when it may go live; what was written, not the documents (a whole catalog's worth). */
async function writeRevisionDocumentsAhead(db: Db, revisionId: number): Promise<DocumentsAhead | null> {
  const early = await readDocumentsEarly(db, revisionId);
  return early && writeDocumentsAhead(db, early);
}

/** The transaction of makeRevisionLive; `afterDocuments` runs in it once the search documents are written. */
async function switchLive(db: Db, revisionId: number, actor: PublishActor, now: Date, kind: 'publish' | 'rollback', mails: OutgoingMail[], ahead: DocumentsAhead | null, afterDocuments: (tx: Tx, written: { tookAhead: boolean }) => Promise<void>): Promise<number> {
  return db.transaction(async (tx) => {
    const [rev] = await tx.select().from(revisions).where(eq(revisions.id, revisionId)).limit(1);
    if (!rev) throw new PublishRefused('This revision does not exist.');
    const allowed = kind === 'publish' ? rev.state === 'ready' : rev.state === 'superseded';
    if (!allowed) throw new PublishRefused(kind === 'publish' ? `Only a ready revision can be published; this one is ${rev.state}.` : `Only an earlier published revision can be made live again; this one is ${rev.state}.`);
    if (kind === 'publish' && rev.errorCount > 0 && !rev.validRowsOnly) {
      throw new PublishRefused(`This revision has ${plural(rev.errorCount, 'error')}. Fix the file, or choose to publish only the valid rows.`);
    }
    const [cat] = await tx.select().from(catalogs).where(eq(catalogs.id, rev.catalogId)).limit(1);
    if (!cat) throw new PublishRefused('The catalog of this revision does not exist.');
    if (cat.liveRevisionId) {
      await tx.update(revisions).set({ state: 'superseded' }).where(and(eq(revisions.id, cat.liveRevisionId), eq(revisions.state, 'published')));
    }
    await tx.update(revisions).set({ state: 'published', publishedAt: now.toISOString(), publishedBy: actor.id, scheduledAt: null }).where(eq(revisions.id, revisionId));
    await tx.update(catalogs).set({ liveRevisionId: revisionId }).where(eq(catalogs.id, cat.id));
    await afterDocuments(tx, await replaceCatalogDocuments(tx, cat.id, revisionId, ahead));
    await tx.insert(searchOutbox).values({ catalogId: cat.id, revisionId, createdAt: now.toISOString() });
    await tx.insert(auditEvents).values({
      at: now.toISOString(), kind: kind === 'publish' ? 'revision-published' : 'revision-rolled-back', actorUserId: actor.id, actorEmail: actor.email, ip: actor.ip ?? null,
      subject: `catalog ${cat.slug} revision ${revisionId}`, detail: { catalogId: cat.id, revisionId, previousRevisionId: cat.liveRevisionId },
    });
    await webhookEventInsert(tx, [catalogPublishedEvent(
      { id: cat.id, name: cat.name, slug: cat.slug, supplierOrgId: cat.supplierOrgId }, revisionId, rev, rev.diffSummary,
      { previousRevisionId: cat.liveRevisionId, rollback: kind === 'rollback' },
    )], now);
    if (mails.length > 0) await mailInsert(tx as unknown as Db, mails, now);
    return cat.id;
  });
}
