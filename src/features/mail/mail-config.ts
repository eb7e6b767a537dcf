/**
 * How this process sends mail, set once at start from SMTP_URL and MAIL_FROM (app.server.ts).
 * Without SMTP_URL nothing is sent: mails stay in the outbox, readable at /admin/mail, and the
 * links of invitations and resets are shown to whoever made them.
 */
export interface MailConfig { smtpUrl: string | null; from: string | null }

let config: MailConfig = { smtpUrl: null, from: null };

export function configureMail(next: MailConfig): void {
  config = next;
}

export function mailConfig(): MailConfig {
  return config;
}

/** True when mails leave the outbox for an SMTP server. */
export function mailIsSent(): boolean {
  return config.smtpUrl !== null;
}
