import type { Role } from '../../../db/schema/users.ts';
import type { OrgKind } from '../../../db/schema/organizations.ts';

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
