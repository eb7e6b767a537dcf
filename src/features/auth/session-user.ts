import type { Role } from '#db/schema/users.ts';
import type { OrgKind } from '#db/schema/organizations.ts';

/** The person behind a request, as every page and feature function sees them. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  orgId: number;
  orgKind: OrgKind;
  orgName: string;
}

/** The SessionUser of a users row joined with its organization row. */
export function toSessionUser(u: { id: number; email: string; name: string; role: Role }, o: { id: number; kind: OrgKind; name: string }): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, orgId: o.id, orgKind: o.kind, orgName: o.name };
}
