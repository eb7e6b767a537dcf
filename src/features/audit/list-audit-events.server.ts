import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { auditEvents } from '#db/schema/index.ts';
import { userSubject } from './subjects.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  /** An email: events this person did, or that were done to them. */
  person?: string;
  kind?: string;
  /** Events about one subject (`view:12`, `catalog fasteners-2027 revision 7`…), as the log links them. */
  subject?: string;
  /** 1-based. */
  page?: number;
}

export interface AuditPage {
  events: Array<typeof auditEvents.$inferSelect>;
  page: number;
  pageCount: number;
  total: number;
}

/** Newest first, filtered by person and kind, one page at a time. */
export async function listAuditEvents(db: Db, filter: AuditFilter): Promise<AuditPage> {
  const conditions: SQL[] = [];
  const person = filter.person?.trim().toLowerCase();
  if (person) conditions.push(or(eq(auditEvents.actorEmail, person), eq(auditEvents.subject, userSubject(person)))!);
  if (filter.kind) conditions.push(eq(auditEvents.kind, filter.kind));
  if (filter.subject) conditions.push(eq(auditEvents.subject, filter.subject));
  const where = conditions.length ? and(...conditions) : undefined;
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(where);
  const total = count?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const events = await db.select().from(auditEvents).where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(AUDIT_PAGE_SIZE).offset((page - 1) * AUDIT_PAGE_SIZE);
  return { events, page, pageCount, total };
}
