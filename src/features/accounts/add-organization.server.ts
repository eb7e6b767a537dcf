import { like } from 'drizzle-orm';
import type { Db } from '#db/client.ts';
import { organizations, type OrgKind } from '#db/schema/index.ts';
import type { SessionUser } from '#features/auth/session-user.ts';
import { slugify } from '#kernel/slugify.ts';
import { recordAuditEvent } from '#features/audit/record-event.server.ts';
import { orgSubject } from '#features/audit/subjects.ts';
import { createOrganization } from './create-organization.server.ts';
import { organizationNameTaken } from './list-organizations.server.ts';
import { AccountProblem } from './account-problem.ts';

interface Meta { ip: string | null; at: Date }

/** An admin adds a supplier or customer organization (there is one operator, made at setup). */
export async function addOrganization(db: Db, actor: SessionUser, input: { name: string; kind: Exclude<OrgKind, 'operator'>; description: string }, meta: Meta) {
  const name = input.name.trim();
  if (await organizationNameTaken(db, name)) throw new AccountProblem('There is already an organization with this name.', 'name');
  const base = slugify(name);
  const taken = new Set((await db.select({ slug: organizations.slug }).from(organizations).where(like(organizations.slug, `${base}%`))).map((r) => r.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const org = await createOrganization(db, { name, kind: input.kind, description: input.description.trim(), slug }, meta.at);
  await recordAuditEvent(db, { kind: 'organization-created', actor, ip: meta.ip, subject: orgSubject(org.slug), at: meta.at, detail: { name, kind: input.kind } });
  return org;
}
