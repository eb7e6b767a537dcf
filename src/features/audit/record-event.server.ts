import type { Db } from '#db/client.ts';
import { auditEvents } from '#db/schema/index.ts';

export interface AuditActor { id: number | null; email: string | null }
export interface AuditInput {
  kind: string;
  actor: AuditActor | null;
  ip?: string | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** The insert of one audit event, not yet run: for a batch that writes it with what it tells of (mails…). */
export function auditEventInsert(db: Db, e: AuditInput) {
  return db.insert(auditEvents).values({
    at: (e.at ?? new Date()).toISOString(), kind: e.kind, actorUserId: e.actor?.id ?? null, actorEmail: e.actor?.email ?? null,
    ip: e.ip ?? null, subject: e.subject ?? null, detail: e.detail ?? null,
  });
}

/** Appends one event to the audit log. Callers never pass passwords or tokens in `detail`. */
export async function recordAuditEvent(db: Db, e: AuditInput): Promise<void> {
  await auditEventInsert(db, e);
}
