import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDemoWorld, meta, type DemoWorld } from './demo-accounts-fixture.ts';
import { accountLinks, auditEvents, users } from '#db/schema/index.ts';
import { invitePerson } from '#features/accounts/invite-person.server.ts';
import { acceptAccountLink } from '#features/accounts/accept-account-link.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { listPendingInvitations } from '#features/accounts/list-pending-invitations.server.ts';
import { ACCOUNT_LINK_LIFETIME_MS } from '#features/accounts/account-link-policy.ts';
import { AccountNotFound, AccountProblem } from '#features/accounts/account-problem.ts';
import { signIn } from '#features/auth/sign-in.server.ts';
import { validateSessionToken, createSession } from '#features/auth/sessions.server.ts';
import { DEMO_PASSWORD } from '#seed/demo-accounts.ts';

const tokenOf = (url: string | null) => new URL(url!).pathname.replace('/invite/', ''); // shown when no SMTP_URL is set, as here

describe('invitations and reset links', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('an accepted invitation is a working account in the invited organization and role', async () => {
    const at = new Date('2027-06-01T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const invitation = await invitePerson(w.db, admin, { email: 'Pat@Acme.test', orgId: w.orgIds.get('acme-fasteners')!, role: 'supplier' }, meta(at));
    expect(invitation).toMatchObject({ email: 'pat@acme.test', orgName: 'Acme Fasteners', role: 'supplier' });
    expect(invitation.url!).toMatch(/^http:\/\/vitrine\.test\/invite\/[a-z0-9]+\.[a-z0-9]+$/);
    expect(Date.parse(invitation.expiresAt) - at.getTime()).toBe(ACCOUNT_LINK_LIFETIME_MS);
    // Only the hash is stored.
    expect(JSON.stringify(await w.db.select().from(accountLinks))).not.toContain(tokenOf(invitation.url).split('.')[1]!);

    const accepted = await acceptAccountLink(w.db, tokenOf(invitation.url), { name: ' Pat Acme ', password: 'pat-s-passphrase' }, meta(new Date(at.getTime() + 60_000)));
    expect(accepted.role).toBe('supplier');
    const session = await validateSessionToken(w.db, accepted.token, at.getTime() + 61_000);
    expect(session?.user).toMatchObject({ email: 'pat@acme.test', name: 'Pat Acme', role: 'supplier', orgName: 'Acme Fasteners' });
    expect((await signIn(w.db, { email: 'pat@acme.test', password: 'pat-s-passphrase', ip: '192.0.2.5' }, at.getTime() + 120_000)).ok).toBe(true);
    const kinds = (await w.db.select().from(auditEvents).where(eq(auditEvents.subject, 'user:pat@acme.test'))).map((e) => e.kind);
    expect(kinds).toEqual(['invitation-created', 'invitation-accepted']);
  });

  test('an invitation works once', async () => {
    const at = new Date('2027-06-02T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const { url } = await invitePerson(w.db, admin, { email: 'once@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'buyer' }, meta(at));
    await acceptAccountLink(w.db, tokenOf(url), { name: 'Once', password: 'first-passphrase' }, meta(at));
    await expect(acceptAccountLink(w.db, tokenOf(url), { name: 'Twice', password: 'second-passphrase' }, meta(at))).rejects.toThrow(/already been used/);
    const [u] = await w.db.select().from(users).where(eq(users.email, 'once@globex.test'));
    expect(u!.name).toBe('Once');
  });

  test('two simultaneous submissions of one link create one account', async () => {
    const at = new Date('2027-06-03T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const { url } = await invitePerson(w.db, admin, { email: 'race@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'buyer' }, meta(at));
    const results = await Promise.allSettled([1, 2, 3].map((n) => acceptAccountLink(w.db, tokenOf(url), { name: `Racer ${n}`, password: `racer-passphrase-${n}` }, meta(at))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // The others are told the link was used (not a database error).
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AccountProblem);
    expect(await w.db.select().from(users).where(eq(users.email, 'race@globex.test'))).toHaveLength(1);
  });

  test('an invitation expires after 7 days', async () => {
    const at = new Date('2027-06-04T09:00:00Z');
    const sales = await w.user('sales@vitrine.test');
    const a = await invitePerson(w.db, sales, { email: 'late@initech.test', orgId: w.orgIds.get('initech')!, role: 'buyer' }, meta(at));
    const b = await invitePerson(w.db, sales, { email: 'intime@initech.test', orgId: w.orgIds.get('initech')!, role: 'buyer' }, meta(at));
    const justBefore = new Date(at.getTime() + ACCOUNT_LINK_LIFETIME_MS - 1000);
    const expired = new Date(at.getTime() + ACCOUNT_LINK_LIFETIME_MS);
    expect((await listPendingInvitations(w.db, ['customer'], justBefore)).map((i) => i.email)).toEqual(expect.arrayContaining(['late@initech.test', 'intime@initech.test']));
    await expect(acceptAccountLink(w.db, tokenOf(a.url), { name: 'Late', password: 'late-passphrase' }, meta(expired))).rejects.toThrow(/expired/);
    await acceptAccountLink(w.db, tokenOf(b.url), { name: 'In Time', password: 'intime-passphrase' }, meta(justBefore));
    expect((await listPendingInvitations(w.db, ['customer'], expired)).map((i) => i.email)).not.toContain('late@initech.test');
  });

  test('a forged or truncated token is not valid', async () => {
    const at = new Date('2027-06-05T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const { url } = await invitePerson(w.db, admin, { email: 'forged@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'buyer' }, meta(at));
    const [id, secret] = tokenOf(url).split('.') as [string, string];
    // The forged secret differs from the real one in its last character (it could end in 'a' itself).
    const forged = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const token of [`${id}.${forged}`, id, `${id}.`, 'x.y', '']) {
      await expect(acceptAccountLink(w.db, token, { name: 'Forger', password: 'forger-passphrase' }, meta(at))).rejects.toThrow(/not valid/);
    }
  });

  test('roles must fit the organization, and sales invites buyers to customers only', async () => {
    const at = new Date('2027-06-06T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const sales = await w.user('sales@vitrine.test');
    await expect(invitePerson(w.db, admin, { email: 'x1@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'admin' }, meta(at))).rejects.toMatchObject({ field: 'role' });
    await expect(invitePerson(w.db, admin, { email: 'x2@vitrine.test', orgId: w.orgIds.get('northwind-supply')!, role: 'buyer' }, meta(at))).rejects.toMatchObject({ field: 'role' });
    await expect(invitePerson(w.db, sales, { email: 'x3@acme.test', orgId: w.orgIds.get('acme-fasteners')!, role: 'supplier' }, meta(at))).rejects.toBeInstanceOf(AccountNotFound);
    await expect(invitePerson(w.db, sales, { email: 'x4@vitrine.test', orgId: w.orgIds.get('northwind-supply')!, role: 'sales' }, meta(at))).rejects.toBeInstanceOf(AccountNotFound);
    await expect(invitePerson(w.db, admin, { email: 'buyer@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'buyer' }, meta(at))).rejects.toMatchObject({ field: 'email' });
    expect((await invitePerson(w.db, admin, { email: 'new.sales@vitrine.test', orgId: w.orgIds.get('northwind-supply')!, role: 'sales' }, meta(at))).role).toBe('sales');
  });

  test('a reset link sets a new password once, ends every session, and only the newest link works', async () => {
    const at = new Date('2027-06-07T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const target = await w.user('buyer@globex.test');
    const before = await createSession(w.db, target.id, at.getTime());
    const older = await issueResetLink(w.db, admin, target.id, meta(at));
    const newer = await issueResetLink(w.db, admin, target.id, meta(new Date(at.getTime() + 1000)));
    await expect(acceptAccountLink(w.db, tokenOf(older.url), { password: 'reset-passphrase' }, meta(at))).rejects.toThrow(/already been used/);
    const accepted = await acceptAccountLink(w.db, tokenOf(newer.url), { password: 'reset-passphrase' }, meta(new Date(at.getTime() + 2000)));
    expect(await validateSessionToken(w.db, before.token, at.getTime() + 3000)).toBeNull();
    expect((await validateSessionToken(w.db, accepted.token, at.getTime() + 3000))?.user.email).toBe('buyer@globex.test');
    expect((await signIn(w.db, { email: target.email, password: DEMO_PASSWORD, ip: '192.0.2.6' }, at.getTime() + 4000)).ok).toBe(false);
    expect((await signIn(w.db, { email: target.email, password: 'reset-passphrase', ip: '192.0.2.6' }, at.getTime() + 4000)).ok).toBe(true);
    await expect(acceptAccountLink(w.db, tokenOf(newer.url), { password: 'again-passphrase' }, meta(at))).rejects.toThrow(/already been used/);
    const kinds = (await w.db.select().from(auditEvents).where(eq(auditEvents.subject, 'user:buyer@globex.test'))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['reset-link-created', 'password-reset']));
  });

  test('a too short password or a missing name leaves the link usable', async () => {
    const at = new Date('2027-06-08T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const { url } = await invitePerson(w.db, admin, { email: 'retry@globex.test', orgId: w.orgIds.get('globex-manufacturing')!, role: 'buyer' }, meta(at));
    await expect(acceptAccountLink(w.db, tokenOf(url), { name: 'Retry', password: 'short' }, meta(at))).rejects.toMatchObject({ field: 'password' });
    await expect(acceptAccountLink(w.db, tokenOf(url), { name: '  ', password: 'long-enough-passphrase' }, meta(at))).rejects.toMatchObject({ field: 'name' });
    expect((await acceptAccountLink(w.db, tokenOf(url), { name: 'Retry', password: 'long-enough-passphrase' }, meta(at))).role).toBe('buyer');
  });
});
