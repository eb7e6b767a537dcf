import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '#db/client.ts';
import { accountLinks, organizations, users, type OrgKind } from '#db/schema/index.ts';

const inviter = alias(users, 'inviter');

/**
 * Invitations not yet accepted and not expired, to organizations of the given kinds. Their links
 * cannot be shown again (only a hash is kept): a lost link is replaced by a new invitation.
 */
export async function listPendingInvitations(db: Db, orgKinds: OrgKind[], now: Date) {
  if (orgKinds.length === 0) return [];
  return db.select({
    id: accountLinks.id, email: accountLinks.email, role: accountLinks.role, createdAt: accountLinks.createdAt, expiresAt: accountLinks.expiresAt,
    orgName: organizations.name, invitedBy: inviter.name,
  }).from(accountLinks)
    .innerJoin(organizations, eq(organizations.id, accountLinks.orgId))
    .leftJoin(inviter, eq(inviter.id, accountLinks.createdBy))
    .where(and(eq(accountLinks.purpose, 'invite'), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now.toISOString()), inArray(organizations.kind, orgKinds)))
    .orderBy(asc(accountLinks.expiresAt));
}
