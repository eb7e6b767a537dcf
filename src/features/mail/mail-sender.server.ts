import { and, eq, isNotNull, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '#db/client.ts';
import { mailOutbox } from '#db/schema/index.ts';
import { logger } from '#features/observability/logger.server.ts';
import { operatorBrand } from '#features/settings/operator-settings.server.ts';
import { onMailNudge } from './mail-outbox.server.ts';

/** Retries: 30 s doubling up to 1 hour, given up after 8 failed attempts (about 2 hours). */
export const MAIL_RETRY = { firstMs: 30_000, maxMs: 60 * 60_000, attempts: 8, leaseMs: 2 * 60_000 } as const;

export function mailRetryDelayMs(attempts: number): number {
  return Math.min(MAIL_RETRY.firstMs * 2 ** Math.max(0, attempts - 1), MAIL_RETRY.maxMs);
}

export interface MailTransport { sendMail(mail: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown> }

/**
 * Sends the mails that are due, oldest first. Each is claimed first (its next attempt moved a
 * lease ahead, guarded by the value read), so two processes never send the same mail twice in a
 * round. A failure is kept with its reason and retried with backoff; after the last attempt the
 * mail is marked failed and shown as such at /admin/mail. Returns how many were sent.
 */
export async function sendDueMails(db: Db, transport: MailTransport, from: string, now = Date.now(), limit = 20): Promise<number> {
  const due = await db.select().from(mailOutbox).where(and(isNotNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, now))).orderBy(mailOutbox.id).limit(limit);
  let sent = 0;
  for (const mail of due) {
    const claimed = await db.update(mailOutbox).set({ nextAttemptAt: now + MAIL_RETRY.leaseMs })
      .where(and(eq(mailOutbox.id, mail.id), eq(mailOutbox.nextAttemptAt, mail.nextAttemptAt!))).returning({ id: mailOutbox.id });
    if (claimed.length === 0) continue;
    const started = Date.now();
    try {
      await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody });
      await db.update(mailOutbox).set({ sentAt: new Date().toISOString(), nextAttemptAt: null, attempts: mail.attempts + 1, lastError: null }).where(eq(mailOutbox.id, mail.id));
      sent++;
      logger.info({ job: 'mail', mailId: mail.id, kind: mail.kind, status: 'sent', ms: Date.now() - started }, 'mail sent');
    } catch (e) {
      const attempts = mail.attempts + 1;
      const reason = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const giveUp = attempts >= MAIL_RETRY.attempts;
      await db.update(mailOutbox).set({
        attempts, lastError: reason, nextAttemptAt: giveUp ? null : Date.now() + mailRetryDelayMs(attempts), failedAt: giveUp ? new Date().toISOString() : null,
      }).where(eq(mailOutbox.id, mail.id));
      logger.warn({ job: 'mail', mailId: mail.id, kind: mail.kind, status: giveUp ? 'failed' : 'retry', attempts, reason, ms: Date.now() - started }, 'mail not sent');
    }
  }
  return sent;
}

/** The From of every mail: MAIL_FROM, or the operator's contact address, with the operator's name. */
export async function senderAddress(db: Db, mailFrom: string | null): Promise<string> {
  const brand = await operatorBrand(db);
  const address = mailFrom ?? brand.contactEmail ?? 'vitrine@localhost';
  if (address.includes('<')) return address;
  return `"${brand.name.replace(/["\\\r\n]/g, '')}" <${address}>`;
}

/**
 * The background sender: a round every 10 s, and at once when a mail is written in this
 * process. Only started when SMTP_URL is set; without it mails wait in the outbox.
 */
export function startMailSender(db: Db, smtpUrl: string, mailFrom: string | null): { stop(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const round = async () => {
    if (stopped) return;
    if (running) { again = true; return; }
    running = true;
    clearTimeout(timer);
    try {
      do {
        again = false;
        await sendDueMails(db, transport, await senderAddress(db, mailFrom));
      } while (again);
    } catch (e) {
      logger.error({ job: 'mail', err: e }, 'the mail sender round failed');
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(() => void round(), 10_000).unref();
    }
  };
  onMailNudge(() => { setTimeout(() => void round(), 50).unref(); });
  void round();
  return { stop() { stopped = true; clearTimeout(timer); onMailNudge(undefined); transport.close(); } };
}
