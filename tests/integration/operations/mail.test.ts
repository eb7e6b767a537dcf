import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { startSmtpCatcher, linkIn, type SmtpCatcher } from '#tests/support/smtp-catcher.ts';
import { openPipelineWorld, csv, meta as pipelineMeta, type PipelineWorld } from '../imports/pipeline-world.ts';
import { openViewsWorld, type ViewsWorld } from '../views/views-world.ts';
import { configureMail } from '#features/mail/mail-config.ts';
import { sendDueMails, MAIL_RETRY, senderAddress, type MailTransport } from '#features/mail/mail-sender.server.ts';
import { listRecentMails } from '#features/mail/mail-outbox.server.ts';
import { invitePerson } from '#features/accounts/invite-person.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { requestPasswordReset, FORGOT_LIMIT } from '#features/accounts/request-password-reset.server.ts';
import { acceptAccountLink } from '#features/accounts/accept-account-link.server.ts';
import { createSession } from '#features/auth/sessions.server.ts';
import { submitForApproval } from '#features/catalogs/submit-revision.server.ts';
import { approveRevision, rejectRevision } from '#features/catalogs/review-revision.server.ts';
import { sendBuyerDigests } from '#features/notifications/buyer-digest.server.ts';
import { setDigestSubscription } from '#features/mail/digest-subscription.server.ts';
import { makeRevisionLive } from '#features/catalogs/publish-revision.server.ts';
import { attentionMailsForPublish } from '#features/notifications/attention-mails.server.ts';
import { mailOutbox, organizations, sessions, users } from '#db/schema/index.ts';
import type { Db } from '#db/client.ts';

const ORIGIN = 'http://vitrine.test';
const meta = (at = new Date(), ip = '192.0.2.77') => ({ ip, at, origin: ORIGIN });
const tokenOf = (link: string) => new URL(link).pathname.replace('/invite/', '');

// Mails written to the outbox with their event and delivered by the sender to a real SMTP server.
describe('mail through SMTP', () => {
  let smtp: SmtpCatcher;
  let transport: MailTransport & { close(): void };
  let w: PipelineWorld;
  const deliver = async (db: Db, now = Date.now()) => sendDueMails(db, transport, await senderAddress(db, 'vitrine@northwind.test'), now);
  const mailTo = (to: string, subject: RegExp) => smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject), 5_000);

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    transport = nodemailer.createTransport(smtp.url);
    configureMail({ smtpUrl: smtp.url, from: 'vitrine@northwind.test' });
    w = await openPipelineWorld();
  });
  afterAll(async () => {
    configureMail({ smtpUrl: null, from: null });
    transport?.close();
    await smtp?.close();
    w?.close();
  });

  test('an invitation is mailed in the operator\'s name (text and HTML), and its link works', async () => {
    const admin = await w.user('admin@vitrine.test');
    const invitation = await invitePerson(w.db, admin, { email: 'New.Person@Acme.test', orgId: w.orgIds.get('acme-fasteners')!, role: 'supplier' }, meta());
    expect(invitation.url).toBeNull(); // mailed, not shown
    expect(await deliver(w.db)).toBe(1);
    const mail = await mailTo('new.person@acme.test', /invitation/i);
    expect(mail.from).toBe('"Northwind Supply" <vitrine@northwind.test>');
    expect(mail.subject).toBe('Your invitation to Vitrine · Northwind Supply');
    expect(mail.text).toContain('Northwind Supply invites you to Vitrine');
    const link = linkIn(mail, `${ORIGIN}/invite/`);
    expect(mail.html).toContain(`<a href="${link}">`);
    const accepted = await acceptAccountLink(w.db, tokenOf(link), { name: 'New Person', password: 'new-person-pass' }, { ip: null, at: new Date() });
    expect(accepted.role).toBe('supplier');
  });

  test('an admin\'s reset link is mailed; "forgot password" mails a 1-hour link, the same answer for unknown addresses, and is rate-limited', async () => {
    const admin = await w.user('admin@vitrine.test');
    const reset = await issueResetLink(w.db, admin, (await w.user('supplier@bright.test')).id, meta());
    expect(reset.url).toBeNull();
    await deliver(w.db);
    expect((await mailTo('supplier@bright.test', /new password/i)).text).toContain('An administrator of Northwind Supply sent you a link');

    const buyer = await w.user('buyer@globex.test');
    const at = new Date();
    await createSession(w.db, buyer.id, at.getTime()); // signed in somewhere else
    expect(await requestPasswordReset(w.db, { email: ' Buyer@Globex.test ' }, meta(at))).toBe('sent');
    expect(await requestPasswordReset(w.db, { email: 'nobody@nowhere.test' }, meta(at))).toBe('sent');
    await deliver(w.db);
    const mail = await mailTo('buyer@globex.test', /new password/i);
    expect(mail.text).toContain('Someone, probably you, asked for a new password');
    expect(smtp.mails.some((m) => m.to.includes('nobody@nowhere.test'))).toBe(false);
    const [link] = await w.db.select({ expiresAt: sql<string>`expires_at`, createdAt: sql<string>`created_at` }).from(sql`account_links`).where(sql`email = 'buyer@globex.test' AND used_at IS NULL`);
    expect(Date.parse(link!.expiresAt) - Date.parse(link!.createdAt)).toBe(60 * 60 * 1000);

    // The link sets the password and ends every session of the account; it works once.
    const token = tokenOf(linkIn(mail, `${ORIGIN}/invite/`));
    const accepted = await acceptAccountLink(w.db, token, { password: 'globex-new-pass' }, { ip: null, at: new Date() });
    const left = await w.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, buyer.id));
    expect(left.map((s) => s.id)).toEqual([accepted.session.id]);
    await expect(acceptAccountLink(w.db, token, { password: 'again-new-pass' }, { ip: null, at: new Date() })).rejects.toThrow(/already been used/);

    // Per address: the same answer, but no more than FORGOT_LIMIT.perEmail mails in the window.
    const before = smtp.mails.length;
    for (let i = 0; i < FORGOT_LIMIT.perEmail + 2; i++) expect(await requestPasswordReset(w.db, { email: 'supplier@acme.test' }, meta(at, `198.51.100.${i}`))).toBe('sent');
    await deliver(w.db);
    expect(smtp.mails.length - before).toBe(FORGOT_LIMIT.perEmail);
    // Per client address: told to wait, whatever the address asked for.
    for (let i = 0; i < FORGOT_LIMIT.perAddress - 1; i++) await requestPasswordReset(w.db, { email: `x${i}@nowhere.test` }, meta(at, '203.0.113.9'));
    expect(await requestPasswordReset(w.db, { email: 'y@nowhere.test' }, meta(at, '203.0.113.9'))).toBe('sent');
    expect(await requestPasswordReset(w.db, { email: 'z@nowhere.test' }, meta(at, '203.0.113.9'))).toBe('limited');
  });

  test('suppliers hear of a checked (with counts), failed (with the reason), rejected (with the comment) and approved revision; sales of one waiting', async () => {
    const catalog = await w.catalog('Mail Test Fasteners');
    const checked = await w.uploadAndRead(catalog.id, csv('M-1,Hex bolt,1.20,Bolts,', 'M-2,Nut,0.10,Nuts,', 'M-3,Washer,abc,Nuts,'), 'prices.csv');
    expect(checked.state).toBe('ready');
    await deliver(w.db);
    const ready = await mailTo('supplier@acme.test', /Price list checked: Mail Test Fasteners/);
    expect(ready.text).toMatch(/Items: 2\nErrors: 1\nWarnings: 0/);
    expect(ready.text).toContain(`/supplier/revisions/${checked.id}`);

    const failed = await w.uploadAndRead(catalog.id, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.zip');
    expect(failed.state).toBe('failed');
    await deliver(w.db);
    const failure = await mailTo('supplier@acme.test', /could not be read/);
    expect(failure.text).toContain(`Reason: ${failed.failureReason}`);

    await w.db.update(organizations).set({ requiresApproval: true }).where(eq(organizations.id, w.acme.orgId));
    const good = await w.uploadAndRead(catalog.id, csv('M-1,Hex bolt,1.20,Bolts,', 'M-2,Nut,0.10,Nuts,'), 'good.csv');
    await submitForApproval(w.db, w.acme, good.id, { validRowsOnly: false, at: null }, pipelineMeta());
    await deliver(w.db);
    const waiting = await mailTo('sales@vitrine.test', /Waiting for your approval: Mail Test Fasteners/);
    expect(waiting.text).toContain('Acme Fasteners submitted revision');
    expect(waiting.text).toContain(`/sales/approvals/${good.id}`);
    const sales = await w.user('sales@vitrine.test');
    await rejectRevision(w.db, sales, good.id, 'Prices of nuts look too low.', pipelineMeta());
    await deliver(w.db);
    expect((await mailTo('supplier@acme.test', /Revision rejected/)).text).toContain('Comment: Prices of nuts look too low.');
    await submitForApproval(w.db, w.acme, good.id, { validRowsOnly: false, at: null }, pipelineMeta());
    await approveRevision(w.db, sales, good.id, pipelineMeta());
    await deliver(w.db);
    expect((await mailTo('supplier@acme.test', /Revision approved/)).text).toContain('It is live now.');
    expect(await w.liveOf(catalog.id)).toBe(good.id);
  });

  test('a refused mail is retried with backoff and kept as failed after the last attempt', async () => {
    const admin = await w.user('admin@vitrine.test');
    smtp.refuse.add('flaky@acme.test');
    smtp.refuse.add('gone@acme.test');
    await invitePerson(w.db, admin, { email: 'flaky@acme.test', orgId: w.orgIds.get('acme-fasteners')!, role: 'supplier' }, meta());
    await invitePerson(w.db, admin, { email: 'gone@acme.test', orgId: w.orgIds.get('acme-fasteners')!, role: 'supplier' }, meta());
    let now = Date.now();
    expect(await deliver(w.db, now)).toBe(0);
    const [flaky] = await w.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'flaky@acme.test'));
    expect(flaky).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(flaky!.lastError).toMatch(/550/);
    expect(flaky!.nextAttemptAt).toBeGreaterThan(now + MAIL_RETRY.firstMs - 1000);
    expect(await deliver(w.db, now + 1000)).toBe(0); // not due yet: nothing tried
    expect((await w.db.select().from(mailOutbox).where(eq(mailOutbox.id, flaky!.id)))[0]!.attempts).toBe(1);

    smtp.refuse.delete('flaky@acme.test');
    for (let i = 1; i < MAIL_RETRY.attempts; i++) {
      now += MAIL_RETRY.maxMs + 1;
      await deliver(w.db, now);
    }
    await mailTo('flaky@acme.test', /invitation/i);
    const rows = await listRecentMails(w.db);
    expect(rows.find((r) => r.to === 'flaky@acme.test')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(rows.find((r) => r.to === 'gone@acme.test')).toMatchObject({ status: 'failed', attempts: MAIL_RETRY.attempts });
    expect((await listRecentMails(w.db, { failedOnly: true })).map((r) => r.to)).toEqual(['gone@acme.test']);
  });
});

describe('buyer digest and view attention mails', () => {
  let smtp: SmtpCatcher;
  let transport: MailTransport & { close(): void };
  let w: ViewsWorld;
  const deliver = async (db: Db) => sendDueMails(db, transport, await senderAddress(db, null));

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    transport = nodemailer.createTransport(smtp.url);
    w = await openViewsWorld();
  }, 120_000);
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    w?.close();
  });

  test('an opted-in buyer gets at most one digest a day, at their prices, linking to /changes', async () => {
    const buyer = await w.user('buyer@globex.test');
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    expect(await sendBuyerDigests(w.db)).toBe(0); // nobody opted in
    await setDigestSubscription(w.db, buyer, true, { ip: null, at: dayAgo });
    expect(await sendBuyerDigests(w.db)).toBe(1);
    expect(await sendBuyerDigests(w.db)).toBe(0); // once a day at most
    await deliver(w.db);
    const mail = await smtp.waitFor((m) => m.to.includes('buyer@globex.test'));
    expect(mail.subject).toBe('What changed in your catalogs · Northwind Supply');
    expect(mail.from).toBe('"Northwind Supply" <partners@northwind.test>');
    expect(mail.text).toMatch(/now available to you, \d+ items/);
    expect(mail.text).toContain('/changes');
    const [row] = await w.db.select({ since: users.digestSince }).from(users).where(eq(users.id, buyer.id));
    expect(Date.parse(row!.since!)).toBeGreaterThan(dayAgo.getTime());
    // Initech's buyer did not opt in.
    expect(smtp.mails.some((m) => m.to.includes('buyer@initech.test'))).toBe(false);
  });

  test('a publish dropping a SKU that a view prices tells sales which view needs attention', async () => {
    const fasteners = await w.catalog('fasteners-2027');
    const view = await w.viewOf('globex-manufacturing');
    const fixed = view.draftRules.catalogs.find((c) => c.catalogId === fasteners.id)!.fixedPrices![0]!.sku;
    // A copy of the live revision without the fixed-price SKU, made ready, then published.
    const copy = await w.db.all<{ id: number }>(sql`INSERT INTO revisions (catalog_id, state, file_name, format, created_at, item_count) SELECT catalog_id, 'ready', 'without-one.csv', format, created_at, item_count - 1 FROM revisions WHERE id = ${fasteners.live} RETURNING id`);
    const newId = copy[0]!.id;
    await w.db.run(sql`INSERT INTO items (revision_id, row_number, sku, name, description, category_path, unit, price_minor, tiers, min_order_qty, gtin, manufacturer, mpn, attributes)
      SELECT ${newId}, row_number, sku, name, description, category_path, unit, price_minor, tiers, min_order_qty, gtin, manufacturer, mpn, attributes FROM items WHERE revision_id = ${fasteners.live} AND sku <> ${fixed}`);
    const mails = await attentionMailsForPublish(w.db, newId);
    await makeRevisionLive(w.db, newId, { id: null, email: null }, new Date(), 'publish', mails);
    await deliver(w.db);
    const mail = await smtp.waitFor((m) => m.to.includes('sales@vitrine.test') && /View rules need attention/.test(m.subject));
    expect(mail.text).toContain(`SKU ${fixed} (fixed price)`);
    expect(mail.text).toContain(`/sales/views/${view.id}`);
  });
});
