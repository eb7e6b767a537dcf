import type { Db } from '#db/client.ts';
import { recordAuditEvent, type AuditInput } from '#features/audit/record-event.server.ts';
import { retryWhenBusy, withCatalogWrites } from './catalog-writes.ts';

/** An audit event of the catalog features, written in turn with their other writes (see catalog-writes.ts). */
export function recordCatalogEvent(db: Db, event: AuditInput): Promise<void> {
  return withCatalogWrites(() => retryWhenBusy(() => recordAuditEvent(db, event)));
}
