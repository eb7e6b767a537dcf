import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { orgSubject } from '#features/audit/subjects.ts';
import { findOrganization } from './find-organization.server.ts';
import { AccountNotFound, AccountProblem } from './account-problem.ts';

interface Meta { ip: string | null; at: Date }

/** Whether a supplier's publishing goes through approval by the operator first. */
export async function setApprovalRequirement(db: Db, actor: SessionUser, orgId: number, requiresApproval: boolean, meta: Meta) {
  const org = await findOrganization(db, orgId);
  if (!org) throw new AccountNotFound('organization');
  if (org.kind !== 'supplier') throw new AccountProblem('Only suppliers publish catalogs: the approval setting belongs to supplier organizations.');
  if (org.requiresApproval === requiresApproval) return org;
  await db.update(organizations).set({ requiresApproval }).where(eq(organizations.id, orgId));
  await recordAuditEvent(db, { kind: 'approval-setting-changed', actor, ip: meta.ip, subject: orgSubject(org.slug), at: meta.at, detail: { requiresApproval } });
  return { ...org, requiresApproval };
}
