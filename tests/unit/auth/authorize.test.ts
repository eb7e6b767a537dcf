import { describe, expect, test } from 'vitest';
import { can, invitableOrgKinds, ROLES_OF_ORG_KIND } from '#features/auth/authorize.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { ROLES, type Role } from '#db/schema/users.ts';
import { ORG_KINDS } from '#db/schema/organizations.ts';

const person = (id: number, role: Role, orgId: number): SessionUser => ({
  id, role, orgId, email: `${role}${id}@x.test`, name: role, orgName: `org ${orgId}`,
  orgKind: role === 'buyer' ? 'customer' : role === 'supplier' ? 'supplier' : 'operator',
});
const admin = person(1, 'admin', 1);
const sales = person(2, 'sales', 1);
const acme = person(3, 'supplier', 2);
const bright = person(4, 'supplier', 3);
const globex = person(5, 'buyer', 4);

describe('can()', () => {
  test('nobody anonymous may do anything', () => {
    expect(can(null, { do: 'change-own-password' })).toBe(false);
    expect(can(null, { do: 'browse-catalogs' })).toBe(false);
  });

  test('invitations: admins any role that fits the organization, sales buyers to customers only', () => {
    for (const kind of ORG_KINDS) {
      for (const role of ROLES) {
        const fits = ROLES_OF_ORG_KIND[kind].includes(role);
        expect(can(admin, { do: 'invite', orgKind: kind, role }), `admin ${kind}/${role}`).toBe(fits);
        expect(can(sales, { do: 'invite', orgKind: kind, role }), `sales ${kind}/${role}`).toBe(kind === 'customer' && role === 'buyer');
        for (const other of [acme, globex]) expect(can(other, { do: 'invite', orgKind: kind, role })).toBe(false);
      }
    }
    expect(invitableOrgKinds(admin)).toEqual(['operator', 'supplier', 'customer']);
    expect(invitableOrgKinds(sales)).toEqual(['customer']);
    expect(invitableOrgKinds(globex)).toEqual([]);
  });

  test('people administration is for admins, never on themselves', () => {
    expect(can(admin, { do: 'manage-user', userId: 3 })).toBe(true);
    expect(can(admin, { do: 'manage-user', userId: admin.id })).toBe(false);
    expect(can(sales, { do: 'manage-user', userId: 3 })).toBe(false);
    for (const who of [sales, acme, globex]) {
      expect(can(who, { do: 'manage-users' })).toBe(false);
      expect(can(who, { do: 'manage-organizations' })).toBe(false);
      expect(can(who, { do: 'read-audit-log' })).toBe(false);
    }
  });

  test('API tokens: suppliers and buyers hold them, and only the owner revokes one', () => {
    expect([admin, sales, acme, globex].map((u) => can(u, { do: 'use-api-tokens' }))).toEqual([false, false, true, true]);
    expect(can(acme, { do: 'revoke-api-token', ownerId: acme.id })).toBe(true);
    expect(can(bright, { do: 'revoke-api-token', ownerId: acme.id })).toBe(false);
    expect(can(admin, { do: 'revoke-api-token', ownerId: acme.id })).toBe(false);
  });

  test('a supplier manages the catalogs of their own organization only', () => {
    expect(can(acme, { do: 'manage-catalogs-of', orgId: 2 })).toBe(true);
    expect(can(bright, { do: 'manage-catalogs-of', orgId: 2 })).toBe(false);
    expect(can(admin, { do: 'manage-catalogs-of', orgId: 2 })).toBe(false);
  });

  test('everyone signed in changes their own password', () => {
    for (const who of [admin, sales, acme, globex]) expect(can(who, { do: 'change-own-password' })).toBe(true);
  });
});
