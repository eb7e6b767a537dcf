import { and, count, desc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { mailOutbox, users } from '#db/schema/index.ts';
import type { ComposedMail } from './compose-mail.ts';

export interface OutgoingMail extends ComposedMail { to: string; kind: string }

/** The inserts of mails, not yet run: put them in the batch or transaction of the event they tell of. */
export function mailInsert(db: Db, mails: OutgoingMail[], at: Date) {
  return db.insert(mailOutbox).values(mails.map((m) => ({
    kind: m.kind, toAddress: m.to, subject: m.subject, textBody: m.text, htmlBody: m.html,
    createdAt: at.toISOString(), nextAttemptAt: at.getTime(),
  })));
}

type BatchItem = Parameters<Db['batch']>[0][number];

/** Writes queries (an audit event, a link, …) and the mails telling of them all or nothing, in one batch. */
export async function writeWithMails(db: Db, queries: BatchItem[], mails: OutgoingMail[], at: Date): Promise<void> {
  const all = mails.length > 0 ? [...queries, mailInsert(db, mails, at)] : queries;
  if (all.length === 0) return;
  await db.batch(all as unknown as Parameters<Db['batch']>[0]);
  if (mails.length > 0) nudgeMailSender();
}

const NUDGE = Symbol.for('vitrine.mailNudge');
/** Wakes the sender (when running in this process) instead of waiting for its next round. */
export function nudgeMailSender(): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[NUDGE]?.();
}
export function onMailNudge(wake: (() => void) | undefined): void {
  (globalThis as Record<symbol, (() => void) | undefined>)[NUDGE] = wake;
}

/** Enabled people of an organization with one of the roles: whom a mail about it goes to. */
export async function recipientsOf(db: Db, where: { orgId?: number; role: 'supplier' | 'sales' | 'admin' | 'buyer' }): Promise<Array<{ email: string; name: string }>> {
  return db.select({ email: users.email, name: users.name }).from(users)
    .where(and(eq(users.role, where.role), isNull(users.disabledAt), where.orgId === undefined ? undefined : eq(users.orgId, where.orgId)));
}

export type MailStatus = 'sent' | 'waiting' | 'retrying' | 'failed';
export interface MailRow { id: number; kind: string; to: string; subject: string; text: string; createdAt: string; attempts: number; status: MailStatus; sentAt: string | null; lastError: string | null }

/** The newest mails for /admin/mail, with their state. */
export async function listRecentMails(db: Db, options: { failedOnly?: boolean; limit?: number } = {}): Promise<MailRow[]> {
  const rows = await db.select().from(mailOutbox).where(options.failedOnly ? isNotNull(mailOutbox.failedAt) : undefined)
    .orderBy(desc(mailOutbox.id)).limit(options.limit ?? 100);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, to: r.toAddress, subject: r.subject, text: r.textBody, createdAt: r.createdAt, attempts: r.attempts,
    status: r.sentAt ? 'sent' : r.failedAt ? 'failed' : r.attempts > 0 ? 'retrying' : 'waiting', sentAt: r.sentAt, lastError: r.lastError,
  }));
}

export async function mailBacklog(db: Db, now = Date.now()): Promise<{ pending: number; failed: number; oldestPendingAt: string | null; due: number }> {
  const [row] = await db.select({
    pending: sql<number>`sum(CASE WHEN ${mailOutbox.nextAttemptAt} IS NOT NULL THEN 1 ELSE 0 END)`,
    failed: sql<number>`sum(CASE WHEN ${mailOutbox.failedAt} IS NOT NULL THEN 1 ELSE 0 END)`,
    oldest: sql<string | null>`min(CASE WHEN ${mailOutbox.nextAttemptAt} IS NOT NULL THEN ${mailOutbox.createdAt} END)`,
  }).from(mailOutbox);
  const [due] = await db.select({ n: count() }).from(mailOutbox).where(lte(mailOutbox.nextAttemptAt, now));
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), oldestPendingAt: row?.oldest ?? null, due: due?.n ?? 0 };
}
