import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { freePort } from './free-port.ts';

export interface CaughtMail { from: string; to: string[]; subject: string; text: string; html: string }

export interface SmtpCatcher {
  /** smtp://user:pass@127.0.0.1:port, as SMTP_URL. */
  url: string;
  mails: CaughtMail[];
  /** Resolves with the first mail (already received or coming) that matches, within `ms`. */
  waitFor(match: (m: CaughtMail) => boolean, ms?: number): Promise<CaughtMail>;
  /** Addresses the server refuses (550) while listed. */
  refuse: Set<string>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1, with a password and no TLS, that
 * keeps every mail it accepts, parsed (mailparser) into its text and HTML parts.
 */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const port = await freePort();
  const mails: CaughtMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], authOptional: false, allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'vitrine' && auth.password === 'mail-secret') return done(null, { user: 'vitrine' });
      return done(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, done) {
      if (refuse.has(address.address.toLowerCase())) return done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      return done();
    },
    onData(stream, session, done) {
      simpleParser(stream).then((parsed) => {
        mails.push({
          from: parsed.from?.text ?? '', to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject: parsed.subject ?? '',
          text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '',
        });
        done();
      }, (e: Error) => done(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://vitrine:mail-secret@127.0.0.1:${port}`,
    mails, refuse,
    async waitFor(match, ms = 20_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = mails.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such mail within ${ms} ms; received: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: CaughtMail, prefix: string): string {
  const found = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`));
  if (!found) throw new Error(`no link ${prefix}… in: ${mail.text}`);
  return found[0];
}
