import { and, desc, eq, gt, inArray, ne, or, isNull, sql } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { auditEvents } from '#db/schema/index.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { PROVEN_KINDS } from './attempt-throttle.server.ts';

/** Fewer failures than this from elsewhere are the owner's own typos on another device, not worth a word. */
export const REPORT_FROM_FAILURES = 5;

export interface SignInAttempts { failures: number; addresses: number; since: string | null }

/**
 * At a successful sign-in: the failed sign-ins for this account from other addresses since the
 * owner last signed in (or was last told). When there are enough to look like an attack, they are
 * recorded as an audit event and returned, so the owner is told once.
 */
export async function reportSignInAttempts(db: Db, user: { id: number; email: string }, ip: string | null, at: Date): Promise<SignInAttempts | null> {
  const [last] = await db.select({ at: auditEvents.at }).from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, user.id), inArray(auditEvents.kind, [...PROVEN_KINDS, 'sign-in-attempts-reported'])))
    .orderBy(desc(auditEvents.at)).limit(1);
  const since = last?.at ?? null;
  const [counted] = await db.select({ failures: sql<number>`count(*)`, addresses: sql<number>`count(distinct ${auditEvents.ip})` }).from(auditEvents)
    .where(and(
      eq(auditEvents.actorUserId, user.id), eq(auditEvents.kind, 'sign-in-failed'),
      since ? gt(auditEvents.at, since) : undefined,
      ip ? or(ne(auditEvents.ip, ip), isNull(auditEvents.ip)) : undefined,
    ));
  const attempts = { failures: Number(counted?.failures ?? 0), addresses: Number(counted?.addresses ?? 0), since };
  if (attempts.failures < REPORT_FROM_FAILURES) return null;
  await recordAuditEvent(db, { kind: 'sign-in-attempts-reported', actor: user, ip, at, detail: { ...attempts } });
  return attempts;
}

/** The latest report for the person, when it is less than `withinMs` old: shown on their account page after the sign-in that made it. */
export async function latestSignInAttemptsReport(db: Db, userId: number, now: Date, withinMs = 60 * 60 * 1000): Promise<SignInAttempts & { at: string } | null> {
  const [row] = await db.select({ at: auditEvents.at, detail: auditEvents.detail }).from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.kind, 'sign-in-attempts-reported'), gt(auditEvents.at, new Date(now.getTime() - withinMs).toISOString())))
    .orderBy(desc(auditEvents.at)).limit(1);
  if (!row?.detail) return null;
  const d = row.detail;
  return { at: row.at, failures: Number(d.failures), addresses: Number(d.addresses), since: typeof d.since === 'string' ? d.since : null };
}
