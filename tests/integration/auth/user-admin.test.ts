import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDemoWorld, meta, type DemoWorld } from './demo-accounts-fixture.ts';
import { auditEvents, organizations, users } from '#db/schema/index.ts';
import { changeUserRole } from '#features/accounts/change-user-role.server.ts';
import { setUserDisabled } from '#features/accounts/set-user-disabled.server.ts';
import { addOrganization } from '#features/accounts/add-organization.server.ts';
import { setApprovalRequirement } from '#features/accounts/set-approval-requirement.server.ts';
import { issueResetLink } from '#features/accounts/issue-reset-link.server.ts';
import { listUsers } from '#features/accounts/list-users.server.ts';
import { AccountNotFound } from '#features/accounts/account-problem.ts';
import { createSession, validateSessionToken } from '#features/auth/sessions.server.ts';
import { can } from '#features/auth/authorize.ts';

describe('administering people and organizations', () => {
  let w: DemoWorld;
  beforeAll(async () => { w = await openDemoWorld(); });
  afterAll(() => w.close());

  test('a role change applies on the next request and is audited with before and after', async () => {
    const at = new Date('2027-07-01T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const sales = await w.user('sales@vitrine.test');
    const session = await createSession(w.db, sales.id, at.getTime());
    await changeUserRole(w.db, admin, sales.id, 'admin', meta(at));
    expect((await validateSessionToken(w.db, session.token, at.getTime() + 1))?.user.role).toBe('admin');
    await changeUserRole(w.db, admin, sales.id, 'sales', meta(at));
    const events = await w.db.select().from(auditEvents).where(eq(auditEvents.kind, 'role-changed'));
    expect(events.map((e) => e.detail)).toEqual([{ from: 'sales', to: 'admin' }, { from: 'admin', to: 'sales' }]);
    expect(events.every((e) => e.actorEmail === 'admin@vitrine.test' && e.subject === 'user:sales@vitrine.test')).toBe(true);
  });

  test('a role must fit the organization kind', async () => {
    const at = new Date('2027-07-02T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const buyer = await w.user('buyer@globex.test');
    await expect(changeUserRole(w.db, admin, buyer.id, 'supplier', meta(at))).rejects.toMatchObject({ field: 'role' });
    await expect(changeUserRole(w.db, admin, 9999, 'buyer', meta(at))).rejects.toBeInstanceOf(AccountNotFound);
  });

  test('admins cannot disable, reset or re-role themselves, and no one else administers people', async () => {
    const admin = await w.user('admin@vitrine.test');
    expect(can(admin, { do: 'manage-user', userId: admin.id })).toBe(false);
    for (const email of ['sales@vitrine.test', 'supplier@acme.test', 'buyer@globex.test']) {
      const other = await w.user(email);
      expect(can(other, { do: 'manage-user', userId: admin.id })).toBe(false);
    }
  });

  test('disable and enable are audited; a disabled person gets no reset link', async () => {
    const at = new Date('2027-07-03T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const buyer = await w.user('buyer@initech.test');
    expect((await setUserDisabled(w.db, admin, buyer.id, true, meta(at))).changed).toBe(true);
    expect((await setUserDisabled(w.db, admin, buyer.id, true, meta(at))).changed).toBe(false);
    expect((await listUsers(w.db)).find((u) => u.id === buyer.id)?.disabledAt).toBe(at.toISOString());
    await expect(issueResetLink(w.db, admin, buyer.id, meta(at))).rejects.toThrow(/disabled/);
    await setUserDisabled(w.db, admin, buyer.id, false, meta(at));
    const kinds = (await w.db.select().from(auditEvents).where(eq(auditEvents.subject, 'user:buyer@initech.test'))).map((e) => e.kind);
    expect(kinds).toEqual(['user-disabled', 'user-enabled']);
  });

  test('admins add supplier and customer organizations with unique names, and set supplier approval', async () => {
    const at = new Date('2027-07-04T09:00:00Z');
    const admin = await w.user('admin@vitrine.test');
    const org = await addOrganization(w.db, admin, { name: 'Umbrella Tools', kind: 'supplier', description: 'Hand tools' }, meta(at));
    expect(org).toMatchObject({ slug: 'umbrella-tools', kind: 'supplier', requiresApproval: false });
    await expect(addOrganization(w.db, admin, { name: 'umbrella tools', kind: 'customer', description: '' }, meta(at))).rejects.toMatchObject({ field: 'name' });
    await setApprovalRequirement(w.db, admin, org.id, true, meta(at));
    const [stored] = await w.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(stored!.requiresApproval).toBe(true);
    await expect(setApprovalRequirement(w.db, admin, w.orgIds.get('globex-manufacturing')!, true, meta(at))).rejects.toThrow(/supplier/);
    const kinds = (await w.db.select().from(auditEvents).where(eq(auditEvents.subject, 'org:umbrella-tools'))).map((e) => e.kind);
    expect(kinds).toEqual(['organization-created', 'approval-setting-changed']);
  });

  test('the people list shows everyone with their organization', async () => {
    const rows = await listUsers(w.db);
    expect(rows.find((r) => r.email === 'supplier@bright.test')).toMatchObject({ orgName: 'Bright Lighting', orgKind: 'supplier', role: 'supplier' });
    expect(await w.db.select().from(users)).toHaveLength(rows.length);
  });
});
