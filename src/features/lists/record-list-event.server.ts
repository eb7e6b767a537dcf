import type { Db } from '#db/client.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { listSubject } from '#features/audit/subjects.ts';

export type ListEventKind = 'list-created' | 'list-renamed' | 'list-deleted' | 'list-items-changed';

/** A change a buyer made to one of their requisition lists, for the audit log. */
export async function recordListEvent(db: Db, actor: { id: number; email: string; ip: string | null }, event: { kind: ListEventKind; listId: number; name: string; what?: string }, at: Date): Promise<void> {
  await recordAuditEvent(db, {
    kind: event.kind, actor, ip: actor.ip, subject: listSubject(event.listId), at,
    detail: { listId: event.listId, name: event.name, ...(event.what ? { what: event.what } : {}) },
  });
}
