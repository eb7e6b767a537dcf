import type { Db } from '#db/client.ts';
import { type AuditInput, auditEventInsert } from '#features/audit/record-event.server.ts';
import { retryWhenBusy, withCatalogWrites } from './catalog-writes.ts';
import { revisionEventMails } from '#features/mail/revision-mails.server.ts';
import { writeWithMails } from '#features/mail/mail-outbox.server.ts';

/**
 * An audit event of the catalog features, written in turn with their other writes (see
 * catalog-writes.ts). With `mailAbout`, the mails the event sends (revision-mails.server.ts) are
 * written in the same batch as the event.
 */
export async function recordCatalogEvent(db: Db, event: AuditInput, mailAbout?: { revisionId: number }): Promise<void> {
  const mails = mailAbout ? await revisionEventMails(db, event.kind, mailAbout.revisionId, event.detail) : [];
  return withCatalogWrites(() => retryWhenBusy(() => writeWithMails(db, [auditEventInsert(db, event)], mails, event.at ?? new Date())));
}
